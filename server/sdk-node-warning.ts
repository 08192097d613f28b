// The AWS SDK warns, in every process that makes a client, that its releases
// after the first week of January 2027 need Node 22. The emulator says so once
// at start (main.ts); the tools and tests import this first so that the same
// news is not repeated by each of them. AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED
// is the SDK's own switch (@aws-sdk/core, emitWarningIfUnsupportedVersion).
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
