// Returns what it saw: the event, parts of the context, and its environment.
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

let invocations = 0;

export async function handler(event: APIGatewayProxyEventV2, context: Context) {
  invocations += 1;
  console.log('echo', event.rawPath ?? null);
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      invocations,
      event,
      context: {
        awsRequestId: context.awsRequestId,
        functionName: context.functionName,
        functionVersion: context.functionVersion,
        memoryLimitInMB: context.memoryLimitInMB,
        invokedFunctionArn: context.invokedFunctionArn,
        logGroupName: context.logGroupName,
        logStreamName: context.logStreamName,
        remaining: context.getRemainingTimeInMillis(),
        callbackWaitsForEmptyEventLoop: context.callbackWaitsForEmptyEventLoop,
      },
      env: { ...process.env },
      cwd: process.cwd(),
      execArgv: process.execArgv,
    }),
  };
}
