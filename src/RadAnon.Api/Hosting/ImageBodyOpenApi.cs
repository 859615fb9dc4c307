using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RadAnon.Api.Hosting;

/// <summary>Marks an endpoint that reads an image (or batch ZIP) body itself, multipart or raw, for the OpenAPI document.</summary>
public sealed class ImageBodyMetadata
{
    /// <summary>The raw body media types accepted besides multipart/form-data.</summary>
    public IReadOnlyList<string> RawTypes { get; init; } = ["application/dicom", "image/png", "image/jpeg"];

    public string Description { get; init; } = "The image: multipart/form-data with 'file' (and optional 'options'), or the raw file bytes.";
}

/// <summary>
/// Describes the image request body in OpenAPI. The endpoints read the body by hand (so that nothing spools to
/// disk), and routing-level content-type filtering would answer 415 without our problem type, so the body is
/// documented here instead of through Accepts().
/// </summary>
internal sealed class ImageBodyOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ImageBodyMetadata>().FirstOrDefault() is not { } body)
        {
            return Task.CompletedTask;
        }

        var binary = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
        var form = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "file" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["file"] = binary,
                ["options"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "JSON: {\"profile\",\"format\",\"redact\",\"markers\",\"text\",\"regions\":{\"add\":[{x,y,width,height}],\"veto\":[...]},\"force\"}",
                },
            },
        };
        var content = new Dictionary<string, OpenApiMediaType> { ["multipart/form-data"] = new() { Schema = form } };
        foreach (var type in body.RawTypes)
        {
            content[type] = new() { Schema = binary };
        }

        operation.RequestBody = new OpenApiRequestBody { Required = true, Description = body.Description, Content = content };
        return Task.CompletedTask;
    }
}
