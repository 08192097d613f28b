output "api_url" {
  description = "The API's URL (the $default stage): the base URL for the app and for npm run smoke."
  value       = aws_apigatewayv2_stage.default.invoke_url
}

output "function_names" {
  description = "The deployed functions (none while disputes_enabled is false)."
  value       = sort(keys(aws_lambda_function.function))
}

output "table_name" {
  value = aws_dynamodb_table.table.name
}

output "bucket_name" {
  value = aws_s3_bucket.evidence.bucket
}
