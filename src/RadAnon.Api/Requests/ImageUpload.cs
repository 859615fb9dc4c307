using RadAnon.Core;

namespace RadAnon.Api.Requests;

/// <summary>
/// One uploaded image held in memory only (never written to disk), with the options that came with it and the keyed id
/// of the API key that sent it (null in open mode), recorded as the ledger entry's owner.
/// </summary>
public sealed record ImageUpload(ReadOnlyMemory<byte> Content, string Kind, AnonymizeOptions Options, string? Owner = null);
