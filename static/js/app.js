// Runs on every page: service worker and update notice, remembered language and country.
import { registerServiceWorker } from "./sw-register.js";
import { applyCountry } from "./country.js";
import { rememberLanguage } from "./language.js";

rememberLanguage();
applyCountry();
registerServiceWorker();
