# A role per function granting exactly the actions its bundle calls, as the
# build read them from the code into the manifest: DynamoDB actions on the
# table and its indexes, S3 object actions on the bucket's objects,
# s3:ListBucket on the bucket (so that a missing key is 404, not 403), and
# writes to the function's own log group. No action is written here, so none can
# drift from the code, and none is a wildcard.
locals {
  dynamodb_actions = { for name, fn in local.functions : name => [for action in fn.actions : action if startswith(action, "dynamodb:")] }
  s3_actions       = { for name, fn in local.functions : name => [for action in fn.actions : action if startswith(action, "s3:") && action != "s3:ListBucket"] }
  s3_bucket_actions = { for name, fn in local.functions : name => [for action in fn.actions : action if action == "s3:ListBucket"] }
}

data "aws_iam_policy_document" "lambda_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "function" {
  for_each           = local.functions
  name               = "${each.key}-role"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json

  lifecycle {
    precondition {
      condition     = alltrue([for action in each.value.actions : startswith(action, "dynamodb:") || startswith(action, "s3:")])
      error_message = "The manifest lists an action of a service this module grants nothing on: ${join(", ", each.value.actions)}."
    }
  }
}

data "aws_iam_policy_document" "function" {
  for_each = local.functions

  statement {
    sid       = "OwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function[each.key].arn}:*"]
  }

  dynamic "statement" {
    for_each = length(local.dynamodb_actions[each.key]) > 0 ? [local.dynamodb_actions[each.key]] : []
    content {
      sid       = "Table"
      actions   = statement.value
      resources = [aws_dynamodb_table.table.arn, "${aws_dynamodb_table.table.arn}/index/*"]
    }
  }

  dynamic "statement" {
    for_each = length(local.s3_actions[each.key]) > 0 ? [local.s3_actions[each.key]] : []
    content {
      sid       = "EvidenceObjects"
      actions   = statement.value
      resources = ["${aws_s3_bucket.evidence.arn}/*"]
    }
  }

  dynamic "statement" {
    for_each = length(local.s3_bucket_actions[each.key]) > 0 ? [local.s3_bucket_actions[each.key]] : []
    content {
      sid       = "EvidenceBucket"
      actions   = statement.value
      resources = [aws_s3_bucket.evidence.arn]
    }
  }
}

resource "aws_iam_role_policy" "function" {
  for_each = local.functions
  name     = "calls"
  role     = aws_iam_role.function[each.key].id
  policy   = data.aws_iam_policy_document.function[each.key].json
}
