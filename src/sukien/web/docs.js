// Starts Swagger UI (vendored) on the app's OpenAPI document; kept out of the HTML for the CSP.
"use strict";
window.addEventListener("DOMContentLoaded", () => {
  window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
