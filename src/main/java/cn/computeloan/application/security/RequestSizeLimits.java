package cn.computeloan.application.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How large a request body may be ({@code compute-loan.limits.*}); larger ones get 413
 * application/problem+json from {@link RequestSizeLimitFilter} and change nothing.
 *
 * @param jsonBody every request body not named below: the JSON of {@code /api/**} and {@code /v2/**}
 * @param deployment {@code POST /v2/deployments} (multipart: BPMN, DMN and form files)
 * @param documentFile each file of {@code POST /api/applications/{id}/documents}
 * @param documentRequest that whole multipart request (the file, the form fields, the framing)
 */
@ConfigurationProperties("compute-loan.limits")
public record RequestSizeLimits(
    @DefaultValue("1MB") DataSize jsonBody,
    @DefaultValue("10MB") DataSize deployment,
    @DefaultValue("20MB") DataSize documentFile,
    @DefaultValue("21MB") DataSize documentRequest) {}
