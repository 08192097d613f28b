# An example root: one stage of the disputes API. From the repository root:
#   npm ci && npm run package
#   terraform -chdir=infra/stage init   (init -upgrade where a 5.x provider was installed)
#   terraform -chdir=infra/stage apply -var stage=staging -var jwt_issuer=… -var 'jwt_audience=["…"]' -var alarm_topic_arn=… -var cursor_secret_parameter=…
#   npm run smoke -- --base-url "$(terraform -chdir=infra/stage output -raw api_url)" --token <jwt>
# Rollback: the same apply with -var disputes_enabled=false.
terraform {
  # The state holds the cursor secret (a Lambda environment value): keep it in an
  # encrypted remote backend, e.g. backend "s3" { bucket = "…", key = "disputes/staging.tfstate", region = "…", encrypt = true }.
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

variable "stage" {
  type = string
}

variable "region" {
  type    = string
  default = "eu-central-1"
}

variable "jwt_issuer" {
  type = string
}

variable "jwt_audience" {
  type = list(string)
}

variable "alarm_topic_arn" {
  type = string
}

variable "cursor_secret_parameter" {
  type = string
}

variable "disputes_enabled" {
  type    = bool
  default = true
}

provider "aws" {
  region = var.region
}

module "disputes" {
  source                  = "../modules/disputes"
  stage                   = var.stage
  region                  = var.region
  jwt_issuer              = var.jwt_issuer
  jwt_audience            = var.jwt_audience
  alarm_topic_arn         = var.alarm_topic_arn
  cursor_secret_parameter = var.cursor_secret_parameter
  disputes_enabled        = var.disputes_enabled
}

output "api_url" {
  value = module.disputes.api_url
}

output "function_names" {
  value = module.disputes.function_names
}

output "table_name" {
  value = module.disputes.table_name
}

output "bucket_name" {
  value = module.disputes.bucket_name
}
