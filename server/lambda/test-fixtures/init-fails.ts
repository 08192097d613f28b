if (!process.env['NEVER_SET']) throw new Error('cannot start');
export const handler = async () => ({ statusCode: 200 });
