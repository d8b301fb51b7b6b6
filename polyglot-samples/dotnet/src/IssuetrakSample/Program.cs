// `IssuetrakSample.exe [noteId]` gets a note, as the vendor's .NET sample does;
// `IssuetrakSample.exe adapter` runs the runner-protocol adapter.

using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Issuetrak.Client;

namespace Issuetrak.Sample
{
    public static class Program
    {
        private const int ExitFailed = 1;
        private const int ExitUsage = 2;

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
            int noteId = 1;
            if (args.Length > 1 ||
                (args.Length == 1 &&
                 !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out noteId)) ||
                noteId < 1)
            {
                Console.Error.WriteLine(
                    "usage: IssuetrakSample.exe [noteId] (a positive integer, default 1) | adapter");
                return ExitUsage;
            }
            return GetNoteAsync(noteId).GetAwaiter().GetResult();
        }

        /// <summary>The sample: configured by ITK_BASE_URL, ITK_API_KEY, ITK_REQUEST_ID, ITK_TIMESTAMP.</summary>
        private static async Task<int> GetNoteAsync(int noteId)
        {
            ClientOptions options;
            try
            {
                options = ClientOptions.FromEnvironment(Environment.GetEnvironmentVariables());
            }
            catch (ConfigurationException e)
            {
                Console.Error.WriteLine($"configuration error: {e.Message}");
                return ExitUsage;
            }
            var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true };
            try
            {
                using (var client = new IssuetrakApiClient(options))
                {
                    ApiResponse response = await client.GetNoteAsync(noteId);
                    stdout.WriteLine(response);
                    stdout.WriteLine(response.ResponseText);
                    return response.IsSuccess ? 0 : ExitFailed;
                }
            }
            catch (Exception e) when (e is HttpRequestException || e is OperationCanceledException)
            {
                // A timeout surfaces as a cancellation; otherwise the inner exception says what failed.
                string cause = e is OperationCanceledException ? $"no answer within {options.Timeout.TotalSeconds} s"
                                                               : (e.InnerException ?? e).Message;
                Console.Error.WriteLine($"request failed: GET {options.BaseUrl}/notes/{noteId}: {cause}");
                return ExitFailed;
            }
        }
    }
}
