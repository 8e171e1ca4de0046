using System.Collections.Generic;

namespace StsTools.PowerShell.Completion;

/// <summary>Tab-completes Get-StsConsoleUrl -Destination with the console paths most used (any other name or URL works too).</summary>
public sealed class ConsoleServiceCompleter : StaticCompleter
{
    private static readonly string[] Services =
    {
        "acm", "apigateway", "athena", "billing", "cloudformation", "cloudfront", "cloudtrail", "cloudwatch", "codebuild",
        "codepipeline", "cognito", "console", "dynamodbv2", "ec2", "ecr", "ecs", "eks", "elasticache", "events", "glue",
        "guardduty", "iam", "kinesis", "kms", "lambda", "organizations", "rds", "route53", "s3", "secretsmanager",
        "securityhub", "ses", "sns", "sqs", "ssm", "states", "vpc",
    };

    /// <inheritdoc />
    protected override IEnumerable<string> Values => Services;
}
