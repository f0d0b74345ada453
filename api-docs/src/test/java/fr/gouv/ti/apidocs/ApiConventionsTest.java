package fr.gouv.ti.apidocs;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiConventionsTest {

    @Test
    void everyErrorResponseIsAProblemAndTheStatusesEveryOperationMayAnswerAreAdded() {
        Operation get = OASFactory.createOperation().operationId("getTerritory")
                .addParameter(OASFactory.createParameter().name("tiId").in(Parameter.In.PATH))
                .responses(OASFactory.createAPIResponses()
                        .addAPIResponse("200", OASFactory.createAPIResponse().description("The territory"))
                        .addAPIResponse("412", OASFactory.createAPIResponse().description("Stale If-Match")));
        OpenAPI api = document(get);

        new ApiConventions().filterOpenAPI(api);

        for (String status : List.of("400", "401", "404", "412", "414", "429", "502", "503", "504")) {
            var response = get.getResponses().getAPIResponse(status);
            assertNotNull(response, status);
            assertEquals("#/components/schemas/Problem",
                    response.getContent().getMediaType("application/problem+json").getSchema().getRef(), status);
        }
        assertEquals("Stale If-Match", get.getResponses().getAPIResponse("412").getDescription());
        assertNotNull(api.getComponents().getSchemas().get("Problem"));
        assertEquals("/", api.getServers().get(0).getUrl());
    }

    @Test
    void anOperationThatDocumentsA403NeedsCredentialsAndOpenDataDoesNot() {
        Operation write = OASFactory.createOperation().operationId("commitFunds")
                .responses(OASFactory.createAPIResponses().addAPIResponse("403",
                        OASFactory.createAPIResponse().description("Not your line")));
        Operation read = OASFactory.createOperation().operationId("getProgramme")
                .responses(OASFactory.createAPIResponses().addAPIResponse("200",
                        OASFactory.createAPIResponse().description("The programme")));
        OpenAPI api = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/w", OASFactory.createPathItem().POST(write))
                .addPathItem("/r", OASFactory.createPathItem().GET(read)));

        new ApiConventions().filterOpenAPI(api);

        assertTrue(write.getSecurity().stream().noneMatch(r -> r.getSchemes().isEmpty()), "no anonymous alternative");
        assertTrue(read.getSecurity().stream().anyMatch(r -> r.getSchemes().isEmpty()), "anonymous allowed");
    }

    @Test
    void theSharedQueryParametersGetTheirSchemaAndACsvBodyIsAFile() {
        Parameter limit = OASFactory.createParameter().name("limit").in(Parameter.In.QUERY)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
        Parameter separator = OASFactory.createParameter().name("separator").in(Parameter.In.QUERY)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
        Operation export = OASFactory.createOperation().operationId("exportJournalCsv").addParameter(limit)
                .addParameter(separator)
                .responses(OASFactory.createAPIResponses().addAPIResponse("200", OASFactory.createAPIResponse()
                        .description("CSV").content(OASFactory.createContent().addMediaType("text/csv",
                                OASFactory.createMediaType().schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING))))));

        new ApiConventions().filterOpenAPI(document(export));

        assertEquals(List.of(Schema.SchemaType.INTEGER), limit.getSchema().getType());
        assertEquals(500, limit.getSchema().getMaximum().intValue());
        assertEquals(List.of("comma", "semicolon"), separator.getSchema().getEnumeration());
        assertEquals("comma", separator.getSchema().getDefaultValue());
        assertTrue(separator.getDescription().contains("byte order mark"));
        assertEquals("binary", export.getResponses().getAPIResponse("200").getContent().getMediaType("text/csv")
                .getSchema().getFormat());
    }

    @Test
    void theBuildFailsOnAnOperationWithoutOperationIdOrAFrameworkTypeAsSchema() {
        OpenAPI missingId = document(OASFactory.createOperation().responses(OASFactory.createAPIResponses()));
        assertThrows(IllegalStateException.class, () -> new ApiConventions().filterOpenAPI(missingId));

        OpenAPI jackson = document(OASFactory.createOperation().operationId("x").responses(OASFactory.createAPIResponses()));
        jackson.components(OASFactory.createComponents().addSchema("JsonNode", OASFactory.createSchema()));
        assertThrows(IllegalStateException.class, () -> new ApiConventions().filterOpenAPI(jackson));
    }

    private static OpenAPI document(Operation get) {
        return OASFactory.createOpenAPI()
                .info(OASFactory.createInfo().title("t").version("1").license(OASFactory.createLicense().name("Etalab")))
                .paths(OASFactory.createPaths().addPathItem("/t/{tiId}", OASFactory.createPathItem().GET(get)));
    }
}
