from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig as BaseStaticFilesConfig


class CoreConfig(AppConfig):
    name = "heathub.core"
    label = "core"


class StaticFilesConfig(BaseStaticFilesConfig):
    # collectstatic of all of nhsuk-frontend's dist is 1,381 files and 60 s; the pages need ~40.
    ignore_patterns = [
        *BaseStaticFilesConfig.ignore_patterns,
        "*.scss",
        "*.mjs.map",
        "*.d.mts",
        "*.d.mts.map",
        "components",
        "core",
        "common",
        "lib",
        "errors",
        "*.js.map",
        "*.css.map",
        "src",
        "locales",
        "sri-*",
        "*.txt",
    ]
