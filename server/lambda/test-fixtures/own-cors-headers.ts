// Answers with CORS headers of its own, which API Gateway ignores when the API has a CORS configuration.
export const handler = async () => ({
  statusCode: 200,
  headers: { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'DELETE', 'x-own': 'kept' },
  body: 'ok',
});
