// A program of a user of the library, compiled against build/Issuetrak.Client.dll alone in an empty
// folder (tests/package-test.sh): only the public API is visible. It signs vector
// seed-009-get-note-nested-site (expected values from fixtures/vectors/seed.json, made by the
// Python generator) and makes a client without sending anything.

using System;
using Issuetrak.Client;

public static class Consumer
{
    public static int Main()
    {
        var key = ApiKey.Of("dUd4ZzQ3dDNvM1lrYzFoY1lHYmh3anRjQkJHb1dBWWdWTHdOd25kZm9GQQ=");
        SignedRequest signed = new IssuetrakSigner(key).Sign("GET",
                                                             "7e53989b-6602-45e1-813d-fc0c81efd707",
                                                             "2028-01-28T14:42:57.1036261Z",
                                                             "/NestedSite1/NestedSite2/api/v1/notes/42",
                                                             "",
                                                             new byte[0]);
        const string expected =
            "OxPHaVpupzxcIHYuCZO9wkj3i85EQfqkL1RuZ7A+JSZm8cYsuzAYvYeJpdKiM0u//GKXe1KwIGqCk/UaSN10JA==";
        using (var client = new IssuetrakApiClient(new ClientOptions("http://127.0.0.1:9/NestedSite1/api/v1", key)))
        {
            Console.WriteLine($"{client}: signature {signed.Signature}");
        }
        if (signed.Signature != expected)
        {
            Console.WriteLine($"FAIL: expected {expected}");
            return 1;
        }
        return 0;
    }
}
