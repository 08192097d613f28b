# The table as infra/table.json describes it (the emulator creates the same
# one): keys, GSIs and TTL; on demand, with point-in-time recovery: continuous
# backups restorable to any second of the last 35 days, which covers the
# seed's "backup before deploy".
locals {
  key_of = { for kind in ["HASH", "RANGE"] : kind => one([for key in local.table.KeySchema : key.AttributeName if key.KeyType == kind]) }
}

resource "aws_dynamodb_table" "table" {
  name                        = local.table.TableName
  billing_mode                = local.table.BillingMode
  hash_key                    = local.key_of["HASH"]
  range_key                   = local.key_of["RANGE"]
  deletion_protection_enabled = var.table_deletion_protection

  dynamic "attribute" {
    for_each = local.table.AttributeDefinitions
    content {
      name = attribute.value.AttributeName
      type = attribute.value.AttributeType
    }
  }

  dynamic "global_secondary_index" {
    for_each = local.table.GlobalSecondaryIndexes
    content {
      name            = global_secondary_index.value.IndexName
      hash_key        = one([for key in global_secondary_index.value.KeySchema : key.AttributeName if key.KeyType == "HASH"])
      range_key       = one([for key in global_secondary_index.value.KeySchema : key.AttributeName if key.KeyType == "RANGE"])
      projection_type = global_secondary_index.value.Projection.ProjectionType
    }
  }

  ttl {
    attribute_name = local.table.TimeToLiveAttribute
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }
}
