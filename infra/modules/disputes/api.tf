# The HTTP API is imported from the contract itself: each operation gets the
# Lambda proxy integration of the function its x-lambda names, and the JWT
# authorizer this stage's issuer and audiences (its scheme typed oauth2, as
# API Gateway's JWT authorizer examples have it; the contract says bearer for
# clients). CORS comes from infra/api-cors.json, which the emulator's gateway
# answers with too. With the rollback switch off the API has no routes.
locals {
  http_methods = ["get", "put", "post", "delete", "patch", "head", "options"]
  jwt_scheme   = local.contract.components.securitySchemes.jwt

  api_paths = {
    for path, item in local.contract.paths : path => merge(item, {
      for method, operation in item : method => merge(operation, {
        "x-amazon-apigateway-integration" = {
          type                 = "aws_proxy"
          httpMethod           = "POST"
          uri                  = aws_lambda_function.function[operation["x-lambda"].function].invoke_arn
          payloadFormatVersion = "2.0"
        }
      }) if contains(local.http_methods, method)
    }) if var.disputes_enabled
  }

  api_body = merge(local.contract, {
    paths = local.api_paths
    components = merge(local.contract.components, {
      securitySchemes = merge(local.contract.components.securitySchemes, {
        jwt = {
          type        = "oauth2"
          description = local.jwt_scheme.description
          "x-amazon-apigateway-authorizer" = merge(local.jwt_scheme["x-amazon-apigateway-authorizer"], {
            jwtConfiguration = { issuer = var.jwt_issuer, audience = var.jwt_audience }
          })
        }
      })
    })
  })
}

resource "aws_apigatewayv2_api" "api" {
  name          = "handshake-disputes-${var.stage}"
  protocol_type = "HTTP"
  body          = jsonencode(local.api_body)

  # Here rather than in the body: after an import the provider deletes a CORS
  # configuration this block does not set (hashicorp/terraform-provider-aws#33390).
  cors_configuration {
    allow_origins     = local.api_cors.allowOrigins
    allow_methods     = local.api_cors.allowMethods
    allow_headers     = local.api_cors.allowHeaders
    expose_headers    = try(local.api_cors.exposeHeaders, null)
    max_age           = try(local.api_cors.maxAge, null)
    allow_credentials = try(local.api_cors.allowCredentials, null)
  }
}

resource "aws_cloudwatch_log_group" "api_access" {
  name              = "/aws/apigateway/handshake-disputes-${var.stage}"
  retention_in_days = var.log_retention_days
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.api.id
  name        = "$default"
  auto_deploy = true

  # Beyond these, API Gateway answers 429 {"message":"Too Many Requests"} (documented in openapi.yaml).
  default_route_settings {
    throttling_burst_limit   = var.throttling_burst_limit
    throttling_rate_limit    = var.throttling_rate_limit
    detailed_metrics_enabled = true
  }

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    format = jsonencode({
      requestId          = "$context.requestId"
      ip                 = "$context.identity.sourceIp"
      requestTime        = "$context.requestTime"
      routeKey           = "$context.routeKey"
      status             = "$context.status"
      responseLength     = "$context.responseLength"
      integrationLatency = "$context.integrationLatency"
      integrationError   = "$context.integrationErrorMessage"
      authorizerError    = "$context.authorizer.error"
      sub                = "$context.authorizer.claims.sub"
    })
  }
}

# Each function may be invoked by its own route only: METHOD and path, path parameters as *.
resource "aws_lambda_permission" "api" {
  for_each      = local.routed
  statement_id  = "AllowHttpApiRoute"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.function[each.key].function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.api.execution_arn}/*/${split(" ", each.value.route)[0]}${replace(split(" ", each.value.route)[1], "/\\{[^}]+\\}/", "*")}"
}
