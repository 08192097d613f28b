// No statusCode: HTTP API's "simple response".
export const handler = async () => ({ hello: 'world' });
