variable "stage" {
  description = "Deployment stage; replaces {stage} in function, table and bucket names."
  type        = string
}

variable "region" {
  description = "AWS region of every resource."
  type        = string
}

variable "jwt_issuer" {
  description = "The JWT authorizer's issuer, e.g. https://cognito-idp.<region>.amazonaws.com/<user pool id>."
  type        = string
}

variable "jwt_audience" {
  description = "Accepted audiences (aud, or client_id when aud is absent), e.g. the Cognito app client ids."
  type        = list(string)
}

variable "disputes_enabled" {
  description = "The rollback switch: false removes the routes and the functions; the table and the bucket stay."
  type        = bool
  default     = true
}

variable "log_retention_days" {
  description = "Retention of the functions' and the API's log groups."
  type        = number
  default     = 30
}

variable "alarm_topic_arn" {
  description = "SNS topic every alarm notifies."
  type        = string
}

variable "lambda_architecture" {
  description = "arm64 (Graviton) by default: the bundles are plain JavaScript, so they run unchanged, at a lower price per GB-second."
  type        = string
  default     = "arm64"
  validation {
    condition     = contains(["arm64", "x86_64"], var.lambda_architecture)
    error_message = "lambda_architecture is arm64 or x86_64."
  }
}

variable "cursor_secret_parameter" {
  description = "Name of the SSM Parameter Store SecureString holding the secret that signs list cursors (create it once, outside Terraform)."
  type        = string
}

variable "table_deletion_protection" {
  description = "Refuse to delete the table (turn off only to tear a stage down)."
  type        = bool
  default     = true
}

variable "throttling_burst_limit" {
  description = "Requests the $default stage accepts at once before answering 429 Too Many Requests."
  type        = number
  default     = 100
}

variable "throttling_rate_limit" {
  description = "Steady requests per second the $default stage accepts before answering 429 Too Many Requests."
  type        = number
  default     = 50
}

variable "project_root" {
  description = "Where openapi.yaml, dist/ and infra/*.json are; the repository root by default."
  type        = string
  default     = null
}
