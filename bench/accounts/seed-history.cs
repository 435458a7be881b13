#:package Azure.Data.Tables
// Grows one person's saved history to <rows> predictions straight in the table, for the export benchmark
// (export-memory.sh): the history's first prediction is saved through the API (so its row is exactly what the app
// writes), and this copies that row under new ids, one second apart going back in time, in entity-group transactions
// of 100. Seeding 10,000 saves through the API takes minutes on this machine: every save reads the person's last
// minute of saves for the budget, so a fast seeder reads ever more rows. The count row is removed so that the next
// save counts the history again, as it does for a history saved before the count row existed.
//   dotnet run bench/accounts/seed-history.cs -- <connection string> <saved prediction id> <rows> [table]
using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;

if (args.Length < 3)
{
    Console.Error.WriteLine("usage: seed-history.cs <connection string> <saved prediction id> <rows> [table]");
    return 2;
}

var table = new TableClient(args[0], args.Length > 3 ? args[3] : "people");
var rows = int.Parse(args[2], CultureInfo.InvariantCulture);
TableEntity? first = null;
await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {"p|" + args[1]}")))
{
    first = row;
}

if (first is null)
{
    Console.Error.WriteLine($"no saved prediction {args[1]}");
    return 1;
}

var savedAt = first.GetDateTimeOffset("SavedAt") ?? DateTimeOffset.UtcNow;
var copies = Enumerable.Range(1, rows - 1).Select(i =>
{
    var at = savedAt - TimeSpan.FromSeconds(i);
    var copy = new TableEntity(first) { PartitionKey = first.PartitionKey, RowKey = "p|" + NewId(at), ETag = default };
    copy["SavedAt"] = at;
    return new TableTransactionAction(TableTransactionActionType.Add, copy);
});
await Parallel.ForEachAsync(copies.Chunk(100), new ParallelOptions { MaxDegreeOfParallelism = 4 },
    async (chunk, token) => await table.SubmitTransactionAsync(chunk, token));
await table.DeleteEntityAsync(first.PartitionKey, "count", ETag.All);
Console.WriteLine($"{rows} predictions in one history");
return 0;

// The app's id shape (PeopleStore.NewId): inverted ticks, 19 digits, then 8 random hex digits.
static string NewId(DateTimeOffset at) =>
    (DateTime.MaxValue.Ticks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
