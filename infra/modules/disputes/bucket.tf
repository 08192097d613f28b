# The evidence bucket as infra/evidence-bucket.json describes it: private,
# public access blocked, encrypted, CORS for the apps' direct uploads, staged
# uploads that were never confirmed expiring; and the functions the contract
# binds in x-lambda-s3-notifications invoked on its events.
resource "aws_s3_bucket" "evidence" {
  bucket = local.bucket.BucketName
}

resource "aws_s3_bucket_public_access_block" "evidence" {
  bucket                  = aws_s3_bucket.evidence.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "evidence" {
  bucket = aws_s3_bucket.evidence.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "evidence" {
  bucket = aws_s3_bucket.evidence.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_cors_configuration" "evidence" {
  bucket = aws_s3_bucket.evidence.id
  dynamic "cors_rule" {
    for_each = local.bucket.CORSRules
    content {
      allowed_origins = cors_rule.value.AllowedOrigins
      allowed_methods = cors_rule.value.AllowedMethods
      allowed_headers = cors_rule.value.AllowedHeaders
      expose_headers  = cors_rule.value.ExposeHeaders
      max_age_seconds = cors_rule.value.MaxAgeSeconds
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "evidence" {
  bucket = aws_s3_bucket.evidence.id
  dynamic "rule" {
    for_each = local.bucket.LifecycleRules
    content {
      id     = rule.value.ID
      status = rule.value.Status
      filter {
        prefix = rule.value.Filter.Prefix
      }
      expiration {
        days = rule.value.Expiration.Days
      }
      abort_incomplete_multipart_upload {
        days_after_initiation = rule.value.AbortIncompleteMultipartUpload.DaysAfterInitiation
      }
    }
  }
}

resource "aws_lambda_permission" "bucket" {
  for_each       = local.notified
  statement_id   = "AllowEvidenceBucket"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.function[each.key].function_name
  principal      = "s3.amazonaws.com"
  source_arn     = aws_s3_bucket.evidence.arn
  source_account = data.aws_caller_identity.current.account_id
}

resource "aws_s3_bucket_notification" "evidence" {
  bucket = aws_s3_bucket.evidence.id

  dynamic "lambda_function" {
    for_each = local.notified
    content {
      id                  = lambda_function.value.trigger.id
      lambda_function_arn = aws_lambda_function.function[lambda_function.key].arn
      events              = lambda_function.value.trigger.events
      filter_prefix       = lambda_function.value.trigger.filterPrefix != "" ? lambda_function.value.trigger.filterPrefix : null
      filter_suffix       = lambda_function.value.trigger.filterSuffix != "" ? lambda_function.value.trigger.filterSuffix : null
    }
  }

  depends_on = [aws_lambda_permission.bucket]
}
