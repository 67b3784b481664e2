# The pain diary (models, sync API) arrives with the diary issue.
