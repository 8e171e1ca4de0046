using System;
using System.IO;
using System.Net;
using System.Threading.Tasks;

namespace StsTools.Storage;

/// <summary>
/// The console sign-in URL for a browser without putting it on a command line (where
/// <c>/proc/&lt;pid&gt;/cmdline</c> and <c>ps</c> show it to every local user, for the browser's
/// whole life): an owner-only page in the module's private folder that sends the browser on, opened
/// by its path and removed a little later.
/// </summary>
public static class SignInPage
{
    /// <summary>How long the page stays before it is removed: STSMODULE_SIGNIN_PAGE_SECONDS, else 60.</summary>
    public static TimeSpan Lifetime(Func<string, string?> env)
    {
        var text = env("STSMODULE_SIGNIN_PAGE_SECONDS");
        return int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 3600
            ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromSeconds(60);
    }

    /// <summary>Writes the page (0600, in the module's 0700 folder "signin" of the user's own: <see cref="PrivateDirectory.OfModule"/>) and returns its path.</summary>
    public static string Write(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && Connection.EndpointResolver.IsLoopback(uri))))
            throw new ArgumentException("Only an https sign-in URL (or http on this machine) is written to a page.", nameof(url));
        var folder = PrivateDirectory.OfModule("signin");
        var path = Path.Combine(folder, "signin-" + Guid.NewGuid().ToString("n") + ".html");
        var target = WebUtility.HtmlEncode(uri.AbsoluteUri);
        var script = uri.AbsoluteUri.Replace("\\", "\\\\").Replace("'", "\\'").Replace("<", "\\x3c");
        AtomicFile.WriteAllText(path,
            "<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"referrer\" content=\"no-referrer\">" +
            $"<meta http-equiv=\"refresh\" content=\"0;url={target}\"><title>AWS console sign-in</title>" +
            $"<script>location.replace('{script}');</script></head><body><a href=\"{target}\">Continue to the AWS console</a></body></html>\n",
            ownerOnly: true);
        return path;
    }

    /// <summary>Removes the page after <paramref name="after"/> (the browser has read it by then).</summary>
    public static Task RemoveLater(string path, TimeSpan after) =>
        Task.Delay(after).ContinueWith(_ =>
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }, TaskScheduler.Default);
}
