using RadAnon.Core;

namespace RadAnon.Api.Requests;

/// <summary>One uploaded image held in memory only (never written to disk), with the options that came with it.</summary>
public sealed record ImageUpload(ReadOnlyMemory<byte> Content, string Kind, AnonymizeOptions Options);
