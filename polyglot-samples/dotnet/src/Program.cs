// Entry point: `IssuetrakSample.exe [noteId]` runs the sample (gets a note, as the vendor's .NET
// sample does); `IssuetrakSample.exe adapter` runs the runner-protocol adapter.

using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text;
using Issuetrak.Harness;
using Issuetrak.Sample;

namespace Issuetrak
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length == 1 && args[0] == "adapter")
            {
                var input = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
                Stream output = Console.OpenStandardOutput();
                // Standard output carries answers only: anything written to Console.Out goes to stderr.
                Console.SetOut(Console.Error);
                return new Adapter(input, output, Console.Error).Run();
            }
            return SampleProgram.Run(args);
        }
    }

    /// <summary>The runnable sample, configured by ITK_BASE_URL, ITK_API_KEY, ITK_REQUEST_ID, ITK_TIMESTAMP.</summary>
    public static class SampleProgram
    {
        public const int ExitFailed = 1;
        public const int ExitUsage = 2;

        public static int Run(string[] args)
        {
            var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true };
            TextWriter stderr = Console.Error;

            int noteId = 1;
            if (args.Length > 1 || (args.Length == 1 && !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out noteId)) || noteId < 1)
            {
                stderr.WriteLine("usage: IssuetrakSample.exe [noteId] (a positive integer, default 1), or IssuetrakSample.exe adapter");
                return ExitUsage;
            }

            ClientOptions options;
            try
            {
                options = ClientOptions.FromEnvironment(Environment.GetEnvironmentVariables());
            }
            catch (ConfigurationException e)
            {
                stderr.WriteLine("configuration error: " + e.Message);
                return ExitUsage;
            }

            try
            {
                using (var client = new IssuetrakApiClient(options))
                {
                    ApiResponse response = client.GetNoteForNoteIdAsync(noteId).GetAwaiter().GetResult();
                    stdout.WriteLine(response.Method + " " + response.Url + " -> " + response.StatusCode);
                    stdout.WriteLine(response.ResponseText);
                    return response.IsSuccess ? 0 : ExitFailed;
                }
            }
            catch (Exception e) when (e is HttpRequestException || e is OperationCanceledException)
            {
                // A timeout surfaces as a cancellation; the inner exception says what failed.
                string cause = e.InnerException != null ? e.InnerException.Message : e.Message;
                if (e is OperationCanceledException) cause = "no answer within " + options.Timeout.TotalSeconds + " s";
                stderr.WriteLine("request failed: GET " + options.BaseUrl + "/notes/" + noteId + ": " + cause);
                return ExitFailed;
            }
        }
    }
}
