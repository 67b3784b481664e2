// Runs on every page: service worker and update notice, remembered language and country,
// and fresh CSRF tokens for the forms.
import "./csrf.js";
import { registerServiceWorker } from "./sw-register.js";
import { applyCountry } from "./country.js";
import { rememberLanguage } from "./language.js";

rememberLanguage();
applyCountry();
registerServiceWorker();
