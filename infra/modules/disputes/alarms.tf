# The seed's alarms, every one notifying alarm_topic_arn: Lambda errors > 1 %
# of invocations and duration > 5 s per function, API 4xx > 5 % and 5xx > 1 %
# of requests, and any DynamoDB throttling. Rates are metric math over five
# minutes; no traffic is not an alarm.
locals {
  alarm_period = 300
  api_metrics  = { ApiId = aws_apigatewayv2_api.api.id, Stage = aws_apigatewayv2_stage.default.name }
  api_rate_alarms = {
    "4xx" = { metric = "4xx", threshold = 5 }
    "5xx" = { metric = "5xx", threshold = 1 }
  }
}

resource "aws_cloudwatch_metric_alarm" "function_errors" {
  for_each            = local.functions
  alarm_name          = "${each.key}-errors"
  alarm_description   = "More than 1% of ${each.key}'s invocations failed."
  comparison_operator = "GreaterThanThreshold"
  threshold           = 1
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.alarm_topic_arn]
  ok_actions          = [var.alarm_topic_arn]

  metric_query {
    id          = "error_rate"
    expression  = "IF(invocations > 0, 100 * errors / invocations, 0)"
    label       = "Errors (% of invocations)"
    return_data = true
  }
  metric_query {
    id = "errors"
    metric {
      namespace   = "AWS/Lambda"
      metric_name = "Errors"
      dimensions  = { FunctionName = aws_lambda_function.function[each.key].function_name }
      period      = local.alarm_period
      stat        = "Sum"
    }
  }
  metric_query {
    id = "invocations"
    metric {
      namespace   = "AWS/Lambda"
      metric_name = "Invocations"
      dimensions  = { FunctionName = aws_lambda_function.function[each.key].function_name }
      period      = local.alarm_period
      stat        = "Sum"
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "function_duration" {
  for_each            = local.functions
  alarm_name          = "${each.key}-duration"
  alarm_description   = "${each.key}'s p99 duration is over 5 s."
  namespace           = "AWS/Lambda"
  metric_name         = "Duration"
  dimensions          = { FunctionName = aws_lambda_function.function[each.key].function_name }
  extended_statistic  = "p99"
  period              = local.alarm_period
  comparison_operator = "GreaterThanThreshold"
  threshold           = 5000
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.alarm_topic_arn]
  ok_actions          = [var.alarm_topic_arn]
}

resource "aws_cloudwatch_metric_alarm" "api_errors" {
  for_each            = local.api_rate_alarms
  alarm_name          = "handshake-disputes-${var.stage}-api-${each.key}"
  alarm_description   = "More than ${each.value.threshold}% of the API's requests answered ${each.key}."
  comparison_operator = "GreaterThanThreshold"
  threshold           = each.value.threshold
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.alarm_topic_arn]
  ok_actions          = [var.alarm_topic_arn]

  metric_query {
    id          = "rate"
    expression  = "IF(requests > 0, 100 * answered / requests, 0)"
    label       = "${each.key} (% of requests)"
    return_data = true
  }
  metric_query {
    id = "answered"
    metric {
      namespace   = "AWS/ApiGateway"
      metric_name = each.value.metric
      dimensions  = local.api_metrics
      period      = local.alarm_period
      stat        = "Sum"
    }
  }
  metric_query {
    id = "requests"
    metric {
      namespace   = "AWS/ApiGateway"
      metric_name = "Count"
      dimensions  = local.api_metrics
      period      = local.alarm_period
      stat        = "Sum"
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "table_throttling" {
  alarm_name          = "${aws_dynamodb_table.table.name}-throttling"
  alarm_description   = "DynamoDB throttled reads or writes on ${aws_dynamodb_table.table.name}."
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.alarm_topic_arn]
  ok_actions          = [var.alarm_topic_arn]

  metric_query {
    id          = "throttled"
    expression  = "reads + writes"
    label       = "Throttled events"
    return_data = true
  }
  metric_query {
    id = "reads"
    metric {
      namespace   = "AWS/DynamoDB"
      metric_name = "ReadThrottleEvents"
      dimensions  = { TableName = aws_dynamodb_table.table.name }
      period      = local.alarm_period
      stat        = "Sum"
    }
  }
  metric_query {
    id = "writes"
    metric {
      namespace   = "AWS/DynamoDB"
      metric_name = "WriteThrottleEvents"
      dimensions  = { TableName = aws_dynamodb_table.table.name }
      period      = local.alarm_period
      stat        = "Sum"
    }
  }
}
