// The gateway's Swagger UI over the merged contract. A file of its own rather than an inline script,
// so the page runs under the gateway's Content-Security-Policy (script-src 'self'; style-src 'self').
// A token given to Authorize lives as long as the page: it is not kept in the browser's storage.
window.addEventListener('load', function () {
    window.ui = SwaggerUIBundle({
        url: '/openapi',
        dom_id: '#swagger-ui',
        deepLinking: true,
        displayRequestDuration: true,
        persistAuthorization: false,
        presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
        plugins: [SwaggerUIBundle.plugins.DownloadUrl],
        layout: 'StandaloneLayout'
    });
});
