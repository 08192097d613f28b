# One function per manifest entry, from its zip in dist/, with one log group
# each. The environment is the manifest's (what the bundle needs) plus exactly
# the settings handlers/function-environment.ts reads.
#
# CURSOR_SECRET comes from an SSM SecureString. Lambda takes environment
# values as plain text, so the value is in the state (marked sensitive by the
# provider): keep the state in an encrypted backend. Reading the parameter at
# cold start instead would keep it out of the state but add an SSM call, a
# client and an IAM grant to every listing function, and the local emulator has
# no SSM; the trade is stated in the README's deploy section.
resource "aws_cloudwatch_log_group" "function" {
  for_each          = local.functions
  name              = "/aws/lambda/${each.key}"
  retention_in_days = var.log_retention_days
}

resource "aws_lambda_function" "function" {
  for_each         = local.functions
  function_name    = each.key
  role             = aws_iam_role.function[each.key].arn
  runtime          = each.value.runtime
  handler          = each.value.handler
  memory_size      = each.value.memory
  timeout          = each.value.timeout
  architectures    = [var.lambda_architecture]
  filename         = "${local.root}/dist/${each.value.zip}"
  source_code_hash = filebase64sha256("${local.root}/dist/${each.value.zip}")

  environment {
    variables = merge(each.value.environment, {
      TABLE_NAME      = aws_dynamodb_table.table.name
      EVIDENCE_BUCKET = aws_s3_bucket.evidence.bucket
      CURSOR_SECRET   = data.aws_ssm_parameter.cursor_secret.value
    })
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.function[each.key].name
  }
}
