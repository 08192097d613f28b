# Everything this module deploys is read from the files the emulator and the
# build use, so nothing is written twice: the routes and their functions from
# openapi.yaml, each function's zip, runtime, handler, memory, timeout,
# environment and IAM actions from dist/manifest.json (npm run package), the
# table from infra/table.json, the bucket from infra/evidence-bucket.json, the
# API's CORS from infra/api-cors.json.
locals {
  root     = coalesce(var.project_root, abspath("${path.module}/../../.."))
  contract = yamldecode(replace(file("${local.root}/openapi.yaml"), "{stage}", var.stage))
  manifest = jsondecode(replace(file("${local.root}/dist/manifest.json"), "{stage}", var.stage))
  table    = jsondecode(replace(file("${local.root}/infra/table.json"), "{stage}", var.stage))
  bucket   = jsondecode(replace(file("${local.root}/infra/evidence-bucket.json"), "{stage}", var.stage))
  api_cors = jsondecode(file("${local.root}/infra/api-cors.json"))

  # Function name => manifest entry, every entry in one shape (a routed one has
  # no trigger, a notified one no route) so that they make one map; none when
  # the rollback switch is off.
  functions = {
    for fn in local.manifest.functions : fn.function => {
      handler     = fn.handler
      zip         = fn.zip
      runtime     = fn.runtime
      memory      = fn.memory
      timeout     = fn.timeout
      environment = fn.environment
      actions     = tolist(fn.actions)
      route       = try(fn.route, null)
      trigger     = try(fn.trigger, null)
    } if var.disputes_enabled
  }
  routed    = { for name, fn in local.functions : name => fn if fn.route != null }
  notified  = { for name, fn in local.functions : name => fn if fn.trigger != null }
}

data "aws_caller_identity" "current" {}

data "aws_ssm_parameter" "cursor_secret" {
  name            = var.cursor_secret_parameter
  with_decryption = true
}

# `region`, not `name`: provider 6.0 deprecated the data source's `name` ("Use `region` instead").
data "aws_region" "current" {}

check "region" {
  assert {
    condition     = data.aws_region.current.region == var.region
    error_message = "The AWS provider deploys to ${data.aws_region.current.region}; the stage says ${var.region}."
  }
}
