using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MetaAiTracker.Data;
using MetaAiTracker.Tests.Shared;
using Npgsql;

// One pair of app processes and one nginx, shared by the scale-out test classes, which run one after the other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace MetaAiTracker.ScaleOutTests;

/// <summary>
/// Two real app processes (<c>dotnet MetaAiTracker.Web.dll</c>, the build of this configuration) started at the same
/// moment on one EMPTY PostgreSQL database, each on its own loopback port, with the first editor configured; and
/// nginx on a third port in front of them, run with the repository's docs/deploy/nginx/metaaitracker.conf.
/// </summary>
public sealed class TwoInstancesFixture : IAsyncLifetime
{
    public const string EditorEmail = "editor@example.org";
    public const string EditorPassword = "Scale-Out-2025!";

    private readonly List<AppInstance> _instances = [];
    private Process? _nginx;
    private string? _nginxFolder;

    public EmptyStore Store { get; } = new("scale", DatabaseProvider.Postgres);

    public AppInstance A => _instances[0];

    public AppInstance B => _instances[1];

    /// <summary>nginx in front of both instances.</summary>
    public string ProxyUrl { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var web = WebBuild();
        _instances.Add(new AppInstance("A", web, FreePort(), Store.ConnectionString));
        _instances.Add(new AppInstance("B", web, FreePort(), Store.ConnectionString));
        foreach (var instance in _instances)
        {
            instance.Start(); // back to back: both find the database empty
        }

        await Task.WhenAll(_instances.Select(i => i.WaitUntilHealthyAsync(TimeSpan.FromMinutes(3))));
        StartNginx();
        await WaitForAsync(ProxyUrl + "/health", TimeSpan.FromSeconds(30), () => _nginx!.HasExited ? "nginx exited: " + NginxLog() : null);
    }

    public async Task DisposeAsync()
    {
        if (_nginx is { HasExited: false })
        {
            _nginx.Kill(entireProcessTree: true); // the workers too, not only the master
            await _nginx.WaitForExitAsync();
        }

        _nginx?.Dispose();
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        if (_nginxFolder is not null)
        {
            Directory.Delete(_nginxFolder, recursive: true);
        }

        Store.Dispose();
    }

    public async Task<long> CountAsync(string table)
    {
        await using var connection = new NpgsqlConnection(Store.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static string RepositoryRoot => BrowserPages.RepositoryRoot;

    internal static async Task WaitForAsync(string url, TimeSpan timeout, Func<string?> failed)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (failed() is { } reason)
            {
                throw new InvalidOperationException(reason);
            }

            try
            {
                using var response = await http.GetAsync(url);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // busy starting
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{url} did not answer 200 within {timeout}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>The web project's build output of the configuration these tests were built in (run.sh builds Release).</summary>
    private static string WebBuild()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var dll = Path.Combine(RepositoryRoot, "src", "MetaAiTracker.Web", "bin", configuration, "net10.0", "MetaAiTracker.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the solution first ({configuration}): {dll} is missing.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void StartNginx()
    {
        var nginx = new[] { Environment.GetEnvironmentVariable("NGINX_PATH"), "/usr/sbin/nginx", "/usr/bin/nginx" }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p))
            ?? throw new InvalidOperationException("nginx not found: install Debian's nginx (tests/run.sh does this) or set NGINX_PATH.");
        _nginxFolder = Directory.CreateTempSubdirectory("metaaitracker-nginx-").FullName;
        var port = FreePort();
        ProxyUrl = $"http://127.0.0.1:{port}";

        // The shipped site file, only its listen line pointed at the free port; the instances in the upstreams file.
        var site = File.ReadAllText(Path.Combine(RepositoryRoot, "docs", "deploy", "nginx", "metaaitracker.conf"));
        if (!site.Contains("listen 80;", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("docs/deploy/nginx/metaaitracker.conf no longer has the 'listen 80;' line this test replaces");
        }

        File.WriteAllText(Path.Combine(_nginxFolder, "metaaitracker.conf"), site.Replace("listen 80;", $"listen 127.0.0.1:{port};", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(_nginxFolder, "metaaitracker.upstreams"), string.Concat(_instances.Select(i => $"server 127.0.0.1:{i.Port};\n")));
        foreach (var temp in new[] { "body", "proxy", "fastcgi", "uwsgi", "scgi" })
        {
            var folder = Directory.CreateDirectory(Path.Combine(_nginxFolder, temp));
            if (!OperatingSystem.IsWindows())
            {
                // nginx's workers drop to "nobody" when started as root, and still write proxy buffers here.
                File.SetUnixFileMode(folder.FullName, (UnixFileMode)0b111_111_111);
            }
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_nginxFolder, (UnixFileMode)0b111_101_101);
        }

        var f = _nginxFolder;
        File.WriteAllText(Path.Combine(f, "nginx.conf"), $$"""
            worker_processes 1;
            daemon off;
            pid {{f}}/nginx.pid;
            error_log {{f}}/error.log warn;
            events { worker_connections 256; }
            http {
                access_log {{f}}/access.log;
                client_body_temp_path {{f}}/body;
                proxy_temp_path {{f}}/proxy;
                fastcgi_temp_path {{f}}/fastcgi;
                uwsgi_temp_path {{f}}/uwsgi;
                scgi_temp_path {{f}}/scgi;
                include {{f}}/metaaitracker.conf;
            }
            """);
        _nginx = Process.Start(new ProcessStartInfo(nginx, ["-p", f, "-c", Path.Combine(f, "nginx.conf")]))!;
    }

    public string NginxLog() =>
        _nginxFolder is not null && File.Exists(Path.Combine(_nginxFolder, "error.log")) ? File.ReadAllText(Path.Combine(_nginxFolder, "error.log")) : string.Empty;

    /// <summary>Lines of nginx's access log: which upstream answered is not logged by default, so this only shows traffic went through it.</summary>
    public string[] AccessLog() =>
        _nginxFolder is not null && File.Exists(Path.Combine(_nginxFolder, "access.log")) ? File.ReadAllLines(Path.Combine(_nginxFolder, "access.log")) : [];
}

/// <summary>One app process with its output captured.</summary>
public sealed class AppInstance(string name, string dll, int port, string connectionString) : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private Process? _process;

    public string Name { get; } = name;

    public int Port { get; } = port;

    public string Url => $"http://127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public void Start()
    {
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.Combine(TwoInstancesFixture.RepositoryRoot, "src", "MetaAiTracker.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var env = start.Environment;
        env["ASPNETCORE_URLS"] = Url;
        // Development: static web assets (MudBlazor's, the framework's) are served from the build, as with dotnet run.
        env["ASPNETCORE_ENVIRONMENT"] = "Development";
        env["Tracker__Database__Provider"] = "Postgres";
        env["ConnectionStrings__Tracker"] = connectionString;
        env["Tracker__Admin__Email"] = TwoInstancesFixture.EditorEmail;
        env["Tracker__Admin__Password"] = TwoInstancesFixture.EditorPassword;
        env["Tracker__SignIn__AttemptsPerClient"] = "10000"; // the tests sign in from one address
        env["Tracker__RateLimit__PermitLimit"] = "100000";
        env["DOTNET_NOLOGO"] = "1";
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Task WaitUntilHealthyAsync(TimeSpan timeout) =>
        TwoInstancesFixture.WaitForAsync(Url + "/health", timeout, () => IsRunning ? null : $"instance {Name} exited with {_process!.ExitCode}:\n{Output}");

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class TwoInstancesCollection : ICollectionFixture<TwoInstancesFixture>
{
    public const string Name = "two-instances";
}
