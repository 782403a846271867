// Starts the NHS.UK components (error summary focus, header menu, character counts).
import { initAll } from "/static/nhsuk/nhsuk-frontend.min.js";
initAll();
