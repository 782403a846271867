from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig as BaseStaticFilesConfig


class CoreConfig(AppConfig):
    name = "heathub.core"
    label = "core"


class StaticFilesConfig(BaseStaticFilesConfig):
    # collectstatic of all of nhsuk-frontend's dist is 1,381 files and 60 s; the pages need ~40.
    # Source maps stay: the manifest storage follows each file's sourceMappingURL and fails
    # collectstatic when the map is missing.
    ignore_patterns = [
        *BaseStaticFilesConfig.ignore_patterns,
        "*.scss",
        "*.d.mts",
        "*.d.mts.map",
        "components",
        "core",
        "common",
        "lib",
        "errors",
        "src",
        "locales",
        "sri-*",
        "*.txt",
    ]
