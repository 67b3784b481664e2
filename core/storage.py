from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    # Rewrite `import … from "./x.js"` to the hashed name, so that ES modules load offline from
    # the service worker's precache (which lists only hashed names) and never mix versions.
    support_js_module_import_aggregation = True
