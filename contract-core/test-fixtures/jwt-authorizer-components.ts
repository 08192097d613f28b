// The `components` of a test contract with one JWT authorizer named `jwt`, its
// issuer and audience filled in by the loader's options.
export const JWT_AUTHORIZER_COMPONENTS = `
components:
  securitySchemes:
    jwt:
      type: http
      scheme: bearer
      x-amazon-apigateway-authorizer:
        type: jwt
        identitySource: $request.header.Authorization
        jwtConfiguration: { issuer: '{jwt_issuer}', audience: ['{jwt_audience}'] }
`;
