// The API reference page (/openapi): Scalar on Varde's OpenAPI document. Nothing leaves the installation: no AI
// agent, no developer toolbar, and the fonts it would fetch elsewhere are refused by the Content-Security-Policy.
Scalar.createApiReference('#reference', {
  sources: [{ title: 'Varde API', slug: 'v1', url: '/openapi/v1.json', default: true }],
  withDefaultFonts: false,
  showDeveloperTools: 'never',
  agent: { disabled: true },
  hideClientButton: true,
});
