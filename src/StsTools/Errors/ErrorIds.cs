using System.Collections.Generic;

namespace StsTools.Errors;

/// <summary>
/// Every ErrorId, spelled once (as System.Text.Json keeps its texts in one SR class): throw sites
/// and comparisons use these constants, and <see cref="Catalogue"/> gives each its category and
/// meaning. about_StsModule's ERROR IDS list is that catalogue, and a test keeps the two equal.
/// The module's own ids come first; STS's (and IAM Identity Center's) own codes pass through as
/// the service sends them, and those the module knows follow, with the category it gives them
/// (<see cref="ErrorMapper"/> reads them here).
/// </summary>
public static class ErrorIds
{
    // The module's own.
    /// <summary>InvalidArgument: a role ARN is not arn:PARTITION:iam::ACCOUNT:role/NAME (a session or user ARN gets the role ARN it most likely meant).</summary>
    public const string InvalidRoleArn = nameof(InvalidRoleArn);
    /// <summary>InvalidArgument: no role ARN was given, nor one in AWS_ROLE_ARN where the operation reads it.</summary>
    public const string MissingRoleArn = nameof(MissingRoleArn);
    /// <summary>InvalidArgument: Get-StsSsoRoleCredential was given neither a profile with a role nor -AccountId and -RoleName.</summary>
    public const string MissingRoleTarget = nameof(MissingRoleTarget);
    /// <summary>InvalidArgument: a role was given both as -RoleArn and as -AccountId/-RoleName, or an account id without a role name.</summary>
    public const string ConflictingRoleTarget = nameof(ConflictingRoleTarget);
    /// <summary>InvalidArgument: a piped account id needs -RoleName to build the role ARN.</summary>
    public const string RoleNameRequired = nameof(RoleNameRequired);
    /// <summary>InvalidArgument: -RoleName was given without an account id.</summary>
    public const string MissingAccountId = nameof(MissingAccountId);
    /// <summary>InvalidArgument: an account id was given without -RoleName.</summary>
    public const string MissingRoleName = nameof(MissingRoleName);
    /// <summary>InvalidArgument: an account id is not 12 digits.</summary>
    public const string InvalidAccountId = nameof(InvalidAccountId);
    /// <summary>InvalidArgument: a role name has characters or a length IAM does not allow.</summary>
    public const string InvalidRoleName = nameof(InvalidRoleName);
    /// <summary>InvalidArgument: a session name is not 2 to 64 of letters, digits and _+=,.@-.</summary>
    public const string InvalidRoleSessionName = nameof(InvalidRoleSessionName);
    /// <summary>InvalidArgument: a duration (a profile's duration_seconds, a cache window) is outside what the operation allows.</summary>
    public const string DurationOutOfRange = nameof(DurationOutOfRange);
    /// <summary>InvalidArgument: -SessionDurationSeconds of Get-StsConsoleUrl is outside 900 to 43200.</summary>
    public const string InvalidSessionDuration = nameof(InvalidSessionDuration);
    /// <summary>InvalidArgument: -SessionDurationSeconds was given for credentials whose console session length STS fixes.</summary>
    public const string SessionDurationNotAllowed = nameof(SessionDurationNotAllowed);
    /// <summary>InvalidArgument: an MFA code is not six digits.</summary>
    public const string InvalidTokenCode = nameof(InvalidTokenCode);
    /// <summary>InvalidArgument: an MFA device is not an ARN or serial number IAM would accept.</summary>
    public const string InvalidSerialNumber = nameof(InvalidSerialNumber);
    /// <summary>InvalidArgument: an MFA device was given without its code, and no prompt or cached MFA session could serve.</summary>
    public const string SerialNumberWithoutTokenCode = nameof(SerialNumberWithoutTokenCode);
    /// <summary>InvalidArgument: an MFA code was given without -SerialNumber.</summary>
    public const string TokenCodeWithoutSerialNumber = nameof(TokenCodeWithoutSerialNumber);
    /// <summary>InvalidArgument: an external id is not 2 to 1224 characters STS accepts.</summary>
    public const string InvalidExternalId = nameof(InvalidExternalId);
    /// <summary>InvalidArgument: a session policy is empty, too long or not JSON.</summary>
    public const string InvalidPolicy = nameof(InvalidPolicy);
    /// <summary>InvalidArgument: a managed policy ARN is not an IAM policy ARN.</summary>
    public const string InvalidPolicyArn = nameof(InvalidPolicyArn);
    /// <summary>InvalidArgument: more than 10 managed policy ARNs.</summary>
    public const string TooManyPolicyArns = nameof(TooManyPolicyArns);
    /// <summary>InvalidArgument: a tag is not Key=Value, a hashtable entry or a Tag object.</summary>
    public const string InvalidTag = nameof(InvalidTag);
    /// <summary>InvalidArgument: a tag key is not 1 to 128 allowed characters.</summary>
    public const string InvalidTagKey = nameof(InvalidTagKey);
    /// <summary>InvalidArgument: a tag value is not up to 256 allowed characters.</summary>
    public const string InvalidTagValue = nameof(InvalidTagValue);
    /// <summary>InvalidArgument: a tag key appears twice (STS ignores case).</summary>
    public const string DuplicateTagKey = nameof(DuplicateTagKey);
    /// <summary>InvalidArgument: more than 50 session tags.</summary>
    public const string TooManyTags = nameof(TooManyTags);
    /// <summary>InvalidArgument: more transitive tag keys than tags, or than STS accepts.</summary>
    public const string TooManyTransitiveTagKeys = nameof(TooManyTransitiveTagKeys);
    /// <summary>InvalidArgument: a source identity is not 2 to 64 allowed characters.</summary>
    public const string InvalidSourceIdentity = nameof(InvalidSourceIdentity);
    /// <summary>InvalidArgument: a provided context lacks its provider ARN or assertion.</summary>
    public const string InvalidProvidedContext = nameof(InvalidProvidedContext);
    /// <summary>InvalidArgument: more than 5 provided contexts.</summary>
    public const string TooManyProvidedContexts = nameof(TooManyProvidedContexts);
    /// <summary>InvalidArgument: a SAML provider ARN is not arn:PARTITION:iam::ACCOUNT:saml-provider/NAME.</summary>
    public const string InvalidPrincipalArn = nameof(InvalidPrincipalArn);
    /// <summary>InvalidArgument: a SAML assertion is neither base64 nor SAML XML, or is too long.</summary>
    public const string InvalidSAMLAssertion = nameof(InvalidSAMLAssertion);
    /// <summary>InvalidArgument: a web identity token is not a JWT of a length STS accepts.</summary>
    public const string InvalidWebIdentityToken = nameof(InvalidWebIdentityToken);
    /// <summary>InvalidArgument: no web identity token, nor AWS_WEB_IDENTITY_TOKEN_FILE.</summary>
    public const string MissingWebIdentityToken = nameof(MissingWebIdentityToken);
    /// <summary>InvalidOperation: a web identity token was given both as text and as a file.</summary>
    public const string ConflictingWebIdentityToken = nameof(ConflictingWebIdentityToken);
    /// <summary>InvalidArgument: a web identity provider id is not 4 to 2048 characters.</summary>
    public const string InvalidProviderId = nameof(InvalidProviderId);
    /// <summary>InvalidArgument: an audience of Get-StsWebIdentityToken is empty or too long.</summary>
    public const string InvalidAudience = nameof(InvalidAudience);
    /// <summary>InvalidArgument: a signing algorithm other than RS256 or ES384.</summary>
    public const string InvalidSigningAlgorithm = nameof(InvalidSigningAlgorithm);
    /// <summary>InvalidArgument: a root task policy is neither a known short name nor an arn:PARTITION:iam::aws:policy/root-task/ ARN.</summary>
    public const string InvalidTaskPolicyArn = nameof(InvalidTaskPolicyArn);
    /// <summary>InvalidArgument: an AssumeRoot target is not a 12-digit account id.</summary>
    public const string InvalidTargetPrincipal = nameof(InvalidTargetPrincipal);
    /// <summary>InvalidArgument: Get-StsDelegatedAccessToken got no trade-in token.</summary>
    public const string MissingTradeInToken = nameof(MissingTradeInToken);
    /// <summary>InvalidArgument: a federated user name is not 2 to 32 allowed characters.</summary>
    public const string InvalidFederatedUserName = nameof(InvalidFederatedUserName);
    /// <summary>InvalidArgument: the text holds no encoded authorization message.</summary>
    public const string InvalidEncodedMessage = nameof(InvalidEncodedMessage);
    /// <summary>InvalidArgument: an access key id is not 16 to 128 letters and digits; from STS, with the category AuthenticationError: the key id is unknown.</summary>
    public const string InvalidAccessKeyId = nameof(InvalidAccessKeyId);
    /// <summary>InvalidArgument: -AccessKey without -SecretKey, or the other way round.</summary>
    public const string IncompleteAccessKey = nameof(IncompleteAccessKey);
    /// <summary>InvalidArgument: credentials without an access key id or secret access key.</summary>
    public const string IncompleteCredential = nameof(IncompleteCredential);
    /// <summary>InvalidArgument: a credential value holds a line break or other character that would inject lines where it is written.</summary>
    public const string InvalidCredentialValue = nameof(InvalidCredentialValue);
    /// <summary>InvalidData: an expiry that is not a date.</summary>
    public const string InvalidCredentialExpiration = nameof(InvalidCredentialExpiration);
    /// <summary>InvalidArgument: a region that does not exist, from -Region, a profile or AWS_REGION/AWS_DEFAULT_REGION (with the region most likely meant).</summary>
    public const string InvalidRegion = nameof(InvalidRegion);
    /// <summary>InvalidArgument: an endpoint that is not an absolute http(s) URL.</summary>
    public const string InvalidEndpointUrl = nameof(InvalidEndpointUrl);
    /// <summary>InvalidArgument: plain http to another machine, without -AllowInsecureEndpoint.</summary>
    public const string InsecureEndpoint = nameof(InsecureEndpoint);
    /// <summary>InvalidArgument: a time-out outside 1 to 3600 seconds (STSMODULE_TIMEOUT_SECONDS).</summary>
    public const string InvalidTimeout = nameof(InvalidTimeout);
    /// <summary>InvalidArgument: AWS_DEFAULTS_MODE or defaults_mode is not a mode the AWS SDKs know.</summary>
    public const string InvalidDefaultsMode = nameof(InvalidDefaultsMode);
    /// <summary>InvalidArgument: a cache refresh window outside what the cache allows.</summary>
    public const string InvalidRefreshWindow = nameof(InvalidRefreshWindow);
    /// <summary>InvalidArgument: a console destination is neither an https console URL nor a service name.</summary>
    public const string InvalidDestination = nameof(InvalidDestination);
    /// <summary>InvalidArgument: a federation endpoint that is not an absolute https URL.</summary>
    public const string InvalidFederationEndpoint = nameof(InvalidFederationEndpoint);
    /// <summary>InvalidArgument: Get-StsConsoleUrl was given long-term keys.</summary>
    public const string ConsoleNeedsTemporaryCredentials = nameof(ConsoleNeedsTemporaryCredentials);
    /// <summary>InvalidArgument: Get-StsConsoleUrl was given GetSessionToken credentials, which the console does not take.</summary>
    public const string ConsoleNeedsRoleCredentials = nameof(ConsoleNeedsRoleCredentials);
    /// <summary>InvalidOperation: two credential sources at once.</summary>
    public const string ConflictingCredentialSources = nameof(ConflictingCredentialSources);
    /// <summary>InvalidArgument: the IAM Identity Center sign-in was named twice (-ProfileName, -SsoSession, -StartUrl), or -SsoRegion without -StartUrl.</summary>
    public const string ConflictingSsoSignIn = nameof(ConflictingSsoSignIn);
    /// <summary>InvalidArgument: a profile name that cannot be written as a section name.</summary>
    public const string InvalidProfileName = nameof(InvalidProfileName);
    /// <summary>InvalidArgument: a path of another provider (Env:, HKCU:, Variable:).</summary>
    public const string NotAFileSystemPath = nameof(NotAFileSystemPath);
    /// <summary>InvalidArgument: a FIFO, socket, device or folder where a file is read.</summary>
    public const string NotARegularFile = nameof(NotARegularFile);
    /// <summary>InvalidData: a file larger than any file of its kind can be.</summary>
    public const string FileTooLarge = nameof(FileTooLarge);
    /// <summary>InvalidData: STS decoded an authorization message that is not JSON.</summary>
    public const string InvalidDecodedMessage = nameof(InvalidDecodedMessage);
    /// <summary>InvalidArgument: Test-StsCredential without -Remote was given credentials with no known expiry.</summary>
    public const string ExpiryUnknown = nameof(ExpiryUnknown);
    /// <summary>InvalidOperation: Set-StsProfile would replace long-term keys under -Confirm:$false without -Force.</summary>
    public const string ConfirmationRequired = nameof(ConfirmationRequired);
    /// <summary>InvalidArgument: an IAM Identity Center cmdlet was given neither an SSO profile nor -SsoSession or -StartUrl.</summary>
    public const string SsoTargetRequired = nameof(SsoTargetRequired);
    /// <summary>InvalidArgument: -StartUrl without -SsoRegion.</summary>
    public const string MissingSsoRegion = nameof(MissingSsoRegion);
    /// <summary>InvalidArgument: a start URL that is not an absolute https URL.</summary>
    public const string InvalidStartUrl = nameof(InvalidStartUrl);
    /// <summary>ObjectNotFound: no such profile in the shared config or credentials file (with the closest name).</summary>
    public const string ProfileNotFound = nameof(ProfileNotFound);
    /// <summary>InvalidData: the profile exists but holds no credentials (the message says what it holds).</summary>
    public const string ProfileHasNoCredentials = nameof(ProfileHasNoCredentials);
    /// <summary>InvalidData: a profile whose settings contradict each other or lack a needed one.</summary>
    public const string InvalidProfile = nameof(InvalidProfile);
    /// <summary>InvalidData: source_profile links that go round or too deep.</summary>
    public const string ProfileChainTooDeep = nameof(ProfileChainTooDeep);
    /// <summary>ObjectNotFound: Use-StsRole -ProfileName of a profile without role_arn.</summary>
    public const string NotARoleProfile = nameof(NotARoleProfile);
    /// <summary>InvalidOperation: a profile that signs in with login_session, which the module does not support.</summary>
    public const string UnsupportedProfile = nameof(UnsupportedProfile);
    /// <summary>InvalidOperation: GetSessionToken or GetFederationToken with a role profile instead of an IAM user's keys.</summary>
    public const string LongTermCredentialsRequired = nameof(LongTermCredentialsRequired);
    /// <summary>InvalidOperation: Set-StsProfile would write over long-term keys without -Force.</summary>
    public const string ProfileHoldsLongTermKeys = nameof(ProfileHoldsLongTermKeys);
    /// <summary>ObjectNotFound: Import-StsCredential of a file that does not exist.</summary>
    public const string CredentialFileNotFound = nameof(CredentialFileNotFound);
    /// <summary>InvalidData: a credential file that is not JSON or credential_process output of credentials.</summary>
    public const string InvalidCredentialFile = nameof(InvalidCredentialFile);
    /// <summary>ObjectNotFound: -SamlAssertionFile names no file.</summary>
    public const string SamlAssertionFileNotFound = nameof(SamlAssertionFileNotFound);
    /// <summary>ObjectNotFound: -WebIdentityTokenFile or AWS_WEB_IDENTITY_TOKEN_FILE names no file.</summary>
    public const string WebIdentityTokenFileNotFound = nameof(WebIdentityTokenFileNotFound);
    /// <summary>ResourceExists: Export-StsCredential -NoClobber and the file exists.</summary>
    public const string FileExists = nameof(FileExists);
    /// <summary>PermissionDenied: a file to be written belongs to another user.</summary>
    public const string FileNotOwned = nameof(FileNotOwned);
    /// <summary>WriteError: a file could not be created owner-only.</summary>
    public const string FileCreateFailed = nameof(FileCreateFailed);
    /// <summary>PermissionDenied: a file or folder could not be made private to its owner.</summary>
    public const string PermissionChangeFailed = nameof(PermissionChangeFailed);
    /// <summary>PermissionDenied: the cache folder, or the module's folder in it, is not the user's own and private.</summary>
    public const string CacheDirectoryNotPrivate = nameof(CacheDirectoryNotPrivate);
    /// <summary>OperationTimeout: another process held a cache or credentials-file lock too long.</summary>
    public const string CacheLockTimeout = nameof(CacheLockTimeout);
    /// <summary>AuthenticationError: no credentials anywhere the module looked (the message lists where).</summary>
    public const string CredentialsNotFound = nameof(CredentialsNotFound);
    /// <summary>AuthenticationError: a configured credential source failed (a role profile's source, a credential_process).</summary>
    public const string CredentialsUnavailable = nameof(CredentialsUnavailable);
    /// <summary>ConnectionError: the endpoint could not be reached.</summary>
    public const string EndpointConnectionFailed = nameof(EndpointConnectionFailed);
    /// <summary>OperationTimeout: the exchange did not complete within -TimeoutSeconds, in each attempt.</summary>
    public const string RequestTimedOut = nameof(RequestTimedOut);
    /// <summary>ProtocolError: an answer that is not a readable answer of the operation: malformed, larger than 1 MiB, or without its parts.</summary>
    public const string InvalidResponse = nameof(InvalidResponse);
    /// <summary>ProtocolError: an HTTP error without a readable error code.</summary>
    public const string UnexpectedResponse = nameof(UnexpectedResponse);
    /// <summary>ResourceUnavailable: HTTP 5xx without a readable error code.</summary>
    public const string ServiceUnavailable = nameof(ServiceUnavailable);
    /// <summary>InvalidOperation: the AWS SDK refused the call before sending it.</summary>
    public const string StsClientError = nameof(StsClientError);
    /// <summary>NotSpecified: anything else, with the original exception inside.</summary>
    public const string UnexpectedError = nameof(UnexpectedError);
    /// <summary>AuthenticationError: the federation endpoint refused the credentials.</summary>
    public const string FederationSignInFailed = nameof(FederationSignInFailed);
    /// <summary>WriteError: -Open could not start a browser or write its sign-in page.</summary>
    public const string BrowserNotStarted = nameof(BrowserNotStarted);
    /// <summary>ObjectNotFound: Invoke-StsCommand -FilePath names no program in PATH's absolute folders.</summary>
    public const string ProgramNotFound = nameof(ProgramNotFound);
    /// <summary>InvalidOperation: Invoke-StsCommand -FilePath could not start the program.</summary>
    public const string ProgramNotStarted = nameof(ProgramNotStarted);
    /// <summary>NotSpecified: an Invoke-StsCommand -FilePath program ended with a non-zero exit code while $PSNativeCommandUseErrorActionPreference is $true.</summary>
    public const string ProgramExitCode = nameof(ProgramExitCode);
    /// <summary>ObjectNotFound: Get-StsRegion of a name the AWS SDK does not know.</summary>
    public const string RegionNotFound = nameof(RegionNotFound);
    /// <summary>AuthenticationError: no sign-in, or one that ended and cannot be refreshed (the message names the command to run).</summary>
    public const string SsoSignInRequired = nameof(SsoSignInRequired);
    /// <summary>OperationTimeout: the device code was not confirmed in time, or the browser did not come back.</summary>
    public const string SsoSignInExpired = nameof(SsoSignInExpired);
    /// <summary>PermissionDenied: the sign-in was denied, or the browser came back with an error or another sign-in's state.</summary>
    public const string SsoSignInDenied = nameof(SsoSignInDenied);
    /// <summary>ObjectNotFound: a profile names an sso_session section that does not exist.</summary>
    public const string SsoSessionNotFound = nameof(SsoSessionNotFound);
    /// <summary>InvalidData: an sso-session section without sso_start_url or sso_region.</summary>
    public const string InvalidSsoSession = nameof(InvalidSsoSession);
    /// <summary>InvalidArgument: an IAM Identity Center cmdlet was given a profile that is not an SSO profile.</summary>
    public const string NotAnSsoProfile = nameof(NotAnSsoProfile);
    /// <summary>InvalidOperation: IAM Identity Center failed without an error code.</summary>
    public const string SsoServiceError = nameof(SsoServiceError);

    // STS's own codes that the module knows.
    /// <summary>PermissionDenied: the caller may not do this (to this role).</summary>
    public const string AccessDenied = nameof(AccessDenied);
    /// <summary>PermissionDenied: the same, as some endpoints spell it.</summary>
    public const string AccessDeniedException = nameof(AccessDeniedException);
    /// <summary>AuthenticationError: the caller's session token has expired.</summary>
    public const string ExpiredToken = nameof(ExpiredToken);
    /// <summary>AuthenticationError: the same, as some endpoints spell it.</summary>
    public const string ExpiredTokenException = nameof(ExpiredTokenException);
    /// <summary>AuthenticationError: the access key id is unknown.</summary>
    public const string InvalidClientTokenId = nameof(InvalidClientTokenId);
    /// <summary>AuthenticationError: the secret access key is wrong.</summary>
    public const string SignatureDoesNotMatch = nameof(SignatureDoesNotMatch);
    /// <summary>AuthenticationError: the request's signature is incomplete.</summary>
    public const string IncompleteSignature = nameof(IncompleteSignature);
    /// <summary>AuthenticationError: the request was not signed.</summary>
    public const string MissingAuthenticationToken = nameof(MissingAuthenticationToken);
    /// <summary>AuthenticationError: the client's credentials are not recognised.</summary>
    public const string UnrecognizedClientException = nameof(UnrecognizedClientException);
    /// <summary>AuthenticationError: the identity provider's token or assertion was rejected.</summary>
    public const string IDPRejectedClaim = nameof(IDPRejectedClaim);
    /// <summary>AuthenticationError: the web identity token is not valid.</summary>
    public const string InvalidIdentityToken = nameof(InvalidIdentityToken);
    /// <summary>AuthenticationError: the request was signed too long ago: the local clock is off.</summary>
    public const string RequestExpired = nameof(RequestExpired);
    /// <summary>NotEnabled: STS is not activated in this region for the account.</summary>
    public const string RegionDisabledException = nameof(RegionDisabledException);
    /// <summary>InvalidArgument: the session policy is malformed.</summary>
    public const string MalformedPolicyDocument = nameof(MalformedPolicyDocument);
    /// <summary>InvalidArgument: STS refused a parameter value.</summary>
    public const string ValidationError = nameof(ValidationError);
    /// <summary>InvalidArgument: STS refused a parameter value.</summary>
    public const string InvalidParameterValue = nameof(InvalidParameterValue);
    /// <summary>InvalidArgument: STS refused a combination of parameters.</summary>
    public const string InvalidParameterCombination = nameof(InvalidParameterCombination);
    /// <summary>InvalidArgument: STS missed a required parameter.</summary>
    public const string MissingParameter = nameof(MissingParameter);
    /// <summary>InvalidOperation: the endpoint does not know the operation.</summary>
    public const string InvalidAction = nameof(InvalidAction);
    /// <summary>InvalidArgument: the encoded message could not be decoded.</summary>
    public const string InvalidAuthorizationMessageException = nameof(InvalidAuthorizationMessageException);
    /// <summary>LimitsExceeded: the session policies and tags are too large once packed.</summary>
    public const string PackedPolicyTooLarge = nameof(PackedPolicyTooLarge);
    /// <summary>LimitsExceeded: too many requests (the SDK retried).</summary>
    public const string Throttling = nameof(Throttling);
    /// <summary>LimitsExceeded: the same, as some endpoints spell it.</summary>
    public const string ThrottlingException = nameof(ThrottlingException);
    /// <summary>LimitsExceeded: too many requests.</summary>
    public const string RequestLimitExceeded = nameof(RequestLimitExceeded);
    /// <summary>ConnectionError: STS could not reach the identity provider.</summary>
    public const string IDPCommunicationError = nameof(IDPCommunicationError);
    /// <summary>ResourceUnavailable: STS failed.</summary>
    public const string InternalFailure = nameof(InternalFailure);
    /// <summary>ResourceUnavailable: STS failed.</summary>
    public const string InternalError = nameof(InternalError);

    /// <summary>Each ErrorId with its category (a PowerShell ErrorCategory name) and meaning: the module's own, then the service's.</summary>
    public static IReadOnlyList<ErrorIdInfo> Catalogue { get; } = new ErrorIdInfo[]
    {
        new(InvalidRoleArn, "InvalidArgument", "a role ARN is not arn:PARTITION:iam::ACCOUNT:role/NAME (a session or user ARN gets the role ARN it most likely meant)", fromService: false),
        new(MissingRoleArn, "InvalidArgument", "no role ARN was given, nor one in AWS_ROLE_ARN where the operation reads it", fromService: false),
        new(MissingRoleTarget, "InvalidArgument", "Get-StsSsoRoleCredential was given neither a profile with a role nor -AccountId and -RoleName", fromService: false),
        new(ConflictingRoleTarget, "InvalidArgument", "a role was given both as -RoleArn and as -AccountId/-RoleName, or an account id without a role name", fromService: false),
        new(RoleNameRequired, "InvalidArgument", "a piped account id needs -RoleName to build the role ARN", fromService: false),
        new(MissingAccountId, "InvalidArgument", "-RoleName was given without an account id", fromService: false),
        new(MissingRoleName, "InvalidArgument", "an account id was given without -RoleName", fromService: false),
        new(InvalidAccountId, "InvalidArgument", "an account id is not 12 digits", fromService: false),
        new(InvalidRoleName, "InvalidArgument", "a role name has characters or a length IAM does not allow", fromService: false),
        new(InvalidRoleSessionName, "InvalidArgument", "a session name is not 2 to 64 of letters, digits and _+=,.@-", fromService: false),
        new(DurationOutOfRange, "InvalidArgument", "a duration (a profile's duration_seconds, a cache window) is outside what the operation allows", fromService: false),
        new(InvalidSessionDuration, "InvalidArgument", "-SessionDurationSeconds of Get-StsConsoleUrl is outside 900 to 43200", fromService: false),
        new(SessionDurationNotAllowed, "InvalidArgument", "-SessionDurationSeconds was given for credentials whose console session length STS fixes", fromService: false),
        new(InvalidTokenCode, "InvalidArgument", "an MFA code is not six digits", fromService: false),
        new(InvalidSerialNumber, "InvalidArgument", "an MFA device is not an ARN or serial number IAM would accept", fromService: false),
        new(SerialNumberWithoutTokenCode, "InvalidArgument", "an MFA device was given without its code, and no prompt or cached MFA session could serve", fromService: false),
        new(TokenCodeWithoutSerialNumber, "InvalidArgument", "an MFA code was given without -SerialNumber", fromService: false),
        new(InvalidExternalId, "InvalidArgument", "an external id is not 2 to 1224 characters STS accepts", fromService: false),
        new(InvalidPolicy, "InvalidArgument", "a session policy is empty, too long or not JSON", fromService: false),
        new(InvalidPolicyArn, "InvalidArgument", "a managed policy ARN is not an IAM policy ARN", fromService: false),
        new(TooManyPolicyArns, "InvalidArgument", "more than 10 managed policy ARNs", fromService: false),
        new(InvalidTag, "InvalidArgument", "a tag is not Key=Value, a hashtable entry or a Tag object", fromService: false),
        new(InvalidTagKey, "InvalidArgument", "a tag key is not 1 to 128 allowed characters", fromService: false),
        new(InvalidTagValue, "InvalidArgument", "a tag value is not up to 256 allowed characters", fromService: false),
        new(DuplicateTagKey, "InvalidArgument", "a tag key appears twice (STS ignores case)", fromService: false),
        new(TooManyTags, "InvalidArgument", "more than 50 session tags", fromService: false),
        new(TooManyTransitiveTagKeys, "InvalidArgument", "more transitive tag keys than tags, or than STS accepts", fromService: false),
        new(InvalidSourceIdentity, "InvalidArgument", "a source identity is not 2 to 64 allowed characters", fromService: false),
        new(InvalidProvidedContext, "InvalidArgument", "a provided context lacks its provider ARN or assertion", fromService: false),
        new(TooManyProvidedContexts, "InvalidArgument", "more than 5 provided contexts", fromService: false),
        new(InvalidPrincipalArn, "InvalidArgument", "a SAML provider ARN is not arn:PARTITION:iam::ACCOUNT:saml-provider/NAME", fromService: false),
        new(InvalidSAMLAssertion, "InvalidArgument", "a SAML assertion is neither base64 nor SAML XML, or is too long", fromService: false),
        new(InvalidWebIdentityToken, "InvalidArgument", "a web identity token is not a JWT of a length STS accepts", fromService: false),
        new(MissingWebIdentityToken, "InvalidArgument", "no web identity token, nor AWS_WEB_IDENTITY_TOKEN_FILE", fromService: false),
        new(ConflictingWebIdentityToken, "InvalidOperation", "a web identity token was given both as text and as a file", fromService: false),
        new(InvalidProviderId, "InvalidArgument", "a web identity provider id is not 4 to 2048 characters", fromService: false),
        new(InvalidAudience, "InvalidArgument", "an audience of Get-StsWebIdentityToken is empty or too long", fromService: false),
        new(InvalidSigningAlgorithm, "InvalidArgument", "a signing algorithm other than RS256 or ES384", fromService: false),
        new(InvalidTaskPolicyArn, "InvalidArgument", "a root task policy is neither a known short name nor an arn:PARTITION:iam::aws:policy/root-task/ ARN", fromService: false),
        new(InvalidTargetPrincipal, "InvalidArgument", "an AssumeRoot target is not a 12-digit account id", fromService: false),
        new(MissingTradeInToken, "InvalidArgument", "Get-StsDelegatedAccessToken got no trade-in token", fromService: false),
        new(InvalidFederatedUserName, "InvalidArgument", "a federated user name is not 2 to 32 allowed characters", fromService: false),
        new(InvalidEncodedMessage, "InvalidArgument", "the text holds no encoded authorization message", fromService: false),
        new(InvalidAccessKeyId, "InvalidArgument", "an access key id is not 16 to 128 letters and digits; from STS, with the category AuthenticationError: the key id is unknown", fromService: false),
        new(IncompleteAccessKey, "InvalidArgument", "-AccessKey without -SecretKey, or the other way round", fromService: false),
        new(IncompleteCredential, "InvalidArgument", "credentials without an access key id or secret access key", fromService: false),
        new(InvalidCredentialValue, "InvalidArgument", "a credential value holds a line break or other character that would inject lines where it is written", fromService: false),
        new(InvalidCredentialExpiration, "InvalidData", "an expiry that is not a date", fromService: false),
        new(InvalidRegion, "InvalidArgument", "a region that does not exist, from -Region, a profile or AWS_REGION/AWS_DEFAULT_REGION (with the region most likely meant)", fromService: false),
        new(InvalidEndpointUrl, "InvalidArgument", "an endpoint that is not an absolute http(s) URL", fromService: false),
        new(InsecureEndpoint, "InvalidArgument", "plain http to another machine, without -AllowInsecureEndpoint", fromService: false),
        new(InvalidTimeout, "InvalidArgument", "a time-out outside 1 to 3600 seconds (STSMODULE_TIMEOUT_SECONDS)", fromService: false),
        new(InvalidDefaultsMode, "InvalidArgument", "AWS_DEFAULTS_MODE or defaults_mode is not a mode the AWS SDKs know", fromService: false),
        new(InvalidRefreshWindow, "InvalidArgument", "a cache refresh window outside what the cache allows", fromService: false),
        new(InvalidDestination, "InvalidArgument", "a console destination is neither an https console URL nor a service name", fromService: false),
        new(InvalidFederationEndpoint, "InvalidArgument", "a federation endpoint that is not an absolute https URL", fromService: false),
        new(ConsoleNeedsTemporaryCredentials, "InvalidArgument", "Get-StsConsoleUrl was given long-term keys", fromService: false),
        new(ConsoleNeedsRoleCredentials, "InvalidArgument", "Get-StsConsoleUrl was given GetSessionToken credentials, which the console does not take", fromService: false),
        new(ConflictingCredentialSources, "InvalidOperation", "two credential sources at once", fromService: false),
        new(ConflictingSsoSignIn, "InvalidArgument", "the IAM Identity Center sign-in was named twice (-ProfileName, -SsoSession, -StartUrl), or -SsoRegion without -StartUrl", fromService: false),
        new(InvalidProfileName, "InvalidArgument", "a profile name that cannot be written as a section name", fromService: false),
        new(NotAFileSystemPath, "InvalidArgument", "a path of another provider (Env:, HKCU:, Variable:)", fromService: false),
        new(NotARegularFile, "InvalidArgument", "a FIFO, socket, device or folder where a file is read", fromService: false),
        new(FileTooLarge, "InvalidData", "a file larger than any file of its kind can be", fromService: false),
        new(InvalidDecodedMessage, "InvalidData", "STS decoded an authorization message that is not JSON", fromService: false),
        new(ExpiryUnknown, "InvalidArgument", "Test-StsCredential without -Remote was given credentials with no known expiry", fromService: false),
        new(ConfirmationRequired, "InvalidOperation", "Set-StsProfile would replace long-term keys under -Confirm:$false without -Force", fromService: false),
        new(SsoTargetRequired, "InvalidArgument", "an IAM Identity Center cmdlet was given neither an SSO profile nor -SsoSession or -StartUrl", fromService: false),
        new(MissingSsoRegion, "InvalidArgument", "-StartUrl without -SsoRegion", fromService: false),
        new(InvalidStartUrl, "InvalidArgument", "a start URL that is not an absolute https URL", fromService: false),
        new(ProfileNotFound, "ObjectNotFound", "no such profile in the shared config or credentials file (with the closest name)", fromService: false),
        new(ProfileHasNoCredentials, "InvalidData", "the profile exists but holds no credentials (the message says what it holds)", fromService: false),
        new(InvalidProfile, "InvalidData", "a profile whose settings contradict each other or lack a needed one", fromService: false),
        new(ProfileChainTooDeep, "InvalidData", "source_profile links that go round or too deep", fromService: false),
        new(NotARoleProfile, "ObjectNotFound", "Use-StsRole -ProfileName of a profile without role_arn", fromService: false),
        new(UnsupportedProfile, "InvalidOperation", "a profile that signs in with login_session, which the module does not support", fromService: false),
        new(LongTermCredentialsRequired, "InvalidOperation", "GetSessionToken or GetFederationToken with a role profile instead of an IAM user's keys", fromService: false),
        new(ProfileHoldsLongTermKeys, "InvalidOperation", "Set-StsProfile would write over long-term keys without -Force", fromService: false),
        new(CredentialFileNotFound, "ObjectNotFound", "Import-StsCredential of a file that does not exist", fromService: false),
        new(InvalidCredentialFile, "InvalidData", "a credential file that is not JSON or credential_process output of credentials", fromService: false),
        new(SamlAssertionFileNotFound, "ObjectNotFound", "-SamlAssertionFile names no file", fromService: false),
        new(WebIdentityTokenFileNotFound, "ObjectNotFound", "-WebIdentityTokenFile or AWS_WEB_IDENTITY_TOKEN_FILE names no file", fromService: false),
        new(FileExists, "ResourceExists", "Export-StsCredential -NoClobber and the file exists", fromService: false),
        new(FileNotOwned, "PermissionDenied", "a file to be written belongs to another user", fromService: false),
        new(FileCreateFailed, "WriteError", "a file could not be created owner-only", fromService: false),
        new(PermissionChangeFailed, "PermissionDenied", "a file or folder could not be made private to its owner", fromService: false),
        new(CacheDirectoryNotPrivate, "PermissionDenied", "the cache folder, or the module's folder in it, is not the user's own and private", fromService: false),
        new(CacheLockTimeout, "OperationTimeout", "another process held a cache or credentials-file lock too long", fromService: false),
        new(CredentialsNotFound, "AuthenticationError", "no credentials anywhere the module looked (the message lists where)", fromService: false),
        new(CredentialsUnavailable, "AuthenticationError", "a configured credential source failed (a role profile's source, a credential_process)", fromService: false),
        new(EndpointConnectionFailed, "ConnectionError", "the endpoint could not be reached", fromService: false),
        new(RequestTimedOut, "OperationTimeout", "the exchange did not complete within -TimeoutSeconds, in each attempt", fromService: false),
        new(InvalidResponse, "ProtocolError", "an answer that is not a readable answer of the operation: malformed, larger than 1 MiB, or without its parts", fromService: false),
        new(UnexpectedResponse, "ProtocolError", "an HTTP error without a readable error code", fromService: false),
        new(ServiceUnavailable, "ResourceUnavailable", "HTTP 5xx without a readable error code", fromService: false),
        new(StsClientError, "InvalidOperation", "the AWS SDK refused the call before sending it", fromService: false),
        new(UnexpectedError, "NotSpecified", "anything else, with the original exception inside", fromService: false),
        new(FederationSignInFailed, "AuthenticationError", "the federation endpoint refused the credentials", fromService: false),
        new(BrowserNotStarted, "WriteError", "-Open could not start a browser or write its sign-in page", fromService: false),
        new(ProgramNotFound, "ObjectNotFound", "Invoke-StsCommand -FilePath names no program in PATH's absolute folders", fromService: false),
        new(ProgramNotStarted, "InvalidOperation", "Invoke-StsCommand -FilePath could not start the program", fromService: false),
        new(ProgramExitCode, "NotSpecified", "an Invoke-StsCommand -FilePath program ended with a non-zero exit code while $PSNativeCommandUseErrorActionPreference is $true", fromService: false),
        new(RegionNotFound, "ObjectNotFound", "Get-StsRegion of a name the AWS SDK does not know", fromService: false),
        new(SsoSignInRequired, "AuthenticationError", "no sign-in, or one that ended and cannot be refreshed (the message names the command to run)", fromService: false),
        new(SsoSignInExpired, "OperationTimeout", "the device code was not confirmed in time, or the browser did not come back", fromService: false),
        new(SsoSignInDenied, "PermissionDenied", "the sign-in was denied, or the browser came back with an error or another sign-in's state", fromService: false),
        new(SsoSessionNotFound, "ObjectNotFound", "a profile names an sso_session section that does not exist", fromService: false),
        new(InvalidSsoSession, "InvalidData", "an sso-session section without sso_start_url or sso_region", fromService: false),
        new(NotAnSsoProfile, "InvalidArgument", "an IAM Identity Center cmdlet was given a profile that is not an SSO profile", fromService: false),
        new(SsoServiceError, "InvalidOperation", "IAM Identity Center failed without an error code", fromService: false),
        new(AccessDenied, "PermissionDenied", "the caller may not do this (to this role)", fromService: true),
        new(AccessDeniedException, "PermissionDenied", "the same, as some endpoints spell it", fromService: true),
        new(ExpiredToken, "AuthenticationError", "the caller's session token has expired", fromService: true),
        new(ExpiredTokenException, "AuthenticationError", "the same, as some endpoints spell it", fromService: true),
        new(InvalidClientTokenId, "AuthenticationError", "the access key id is unknown", fromService: true),
        new(SignatureDoesNotMatch, "AuthenticationError", "the secret access key is wrong", fromService: true),
        new(IncompleteSignature, "AuthenticationError", "the request's signature is incomplete", fromService: true),
        new(MissingAuthenticationToken, "AuthenticationError", "the request was not signed", fromService: true),
        new(UnrecognizedClientException, "AuthenticationError", "the client's credentials are not recognised", fromService: true),
        new(IDPRejectedClaim, "AuthenticationError", "the identity provider's token or assertion was rejected", fromService: true),
        new(InvalidIdentityToken, "AuthenticationError", "the web identity token is not valid", fromService: true),
        new(RequestExpired, "AuthenticationError", "the request was signed too long ago: the local clock is off", fromService: true),
        new(RegionDisabledException, "NotEnabled", "STS is not activated in this region for the account", fromService: true),
        new(MalformedPolicyDocument, "InvalidArgument", "the session policy is malformed", fromService: true),
        new(ValidationError, "InvalidArgument", "STS refused a parameter value", fromService: true),
        new(InvalidParameterValue, "InvalidArgument", "STS refused a parameter value", fromService: true),
        new(InvalidParameterCombination, "InvalidArgument", "STS refused a combination of parameters", fromService: true),
        new(MissingParameter, "InvalidArgument", "STS missed a required parameter", fromService: true),
        new(InvalidAction, "InvalidOperation", "the endpoint does not know the operation", fromService: true),
        new(InvalidAuthorizationMessageException, "InvalidArgument", "the encoded message could not be decoded", fromService: true),
        new(PackedPolicyTooLarge, "LimitsExceeded", "the session policies and tags are too large once packed", fromService: true),
        new(Throttling, "LimitsExceeded", "too many requests (the SDK retried)", fromService: true),
        new(ThrottlingException, "LimitsExceeded", "the same, as some endpoints spell it", fromService: true),
        new(RequestLimitExceeded, "LimitsExceeded", "too many requests", fromService: true),
        new(IDPCommunicationError, "ConnectionError", "STS could not reach the identity provider", fromService: true),
        new(InternalFailure, "ResourceUnavailable", "STS failed", fromService: true),
        new(InternalError, "ResourceUnavailable", "STS failed", fromService: true),
    };
}

/// <summary>One entry of <see cref="ErrorIds.Catalogue"/>.</summary>
public sealed class ErrorIdInfo
{
    /// <summary>Creates the entry.</summary>
    public ErrorIdInfo(string id, string category, string meaning, bool fromService)
    {
        Id = id;
        Category = category;
        Meaning = meaning;
        FromService = fromService;
    }

    /// <summary>The ErrorId, the first part of FullyQualifiedErrorId.</summary>
    public string Id { get; }

    /// <summary>The ErrorRecord's category (a PowerShell ErrorCategory name).</summary>
    public string Category { get; }

    /// <summary>What it means, as about_StsModule says it.</summary>
    public string Meaning { get; }

    /// <summary>True for a code the service sends, which the module passes through.</summary>
    public bool FromService { get; }
}
