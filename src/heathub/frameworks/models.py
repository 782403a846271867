"""HEAT framework versions loaded from YAML files. A loaded version is never edited: a change is a
new version, and an assessment stays pinned to the version it was started with."""

from typing import Any

from django.db import models


class PublishedVersionIsReadOnly(Exception):  # noqa: N818 (says what happened)
    """A loaded framework version's stages and questions are never edited: load a new version."""


class ReadOnlyOnceSaved(models.Model):
    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PublishedVersionIsReadOnly(
                f"{self} belongs to a loaded framework version and cannot be changed: "
                "load the changed file as a new version"
            )
        super().save(*args, **kwargs)


class Wording(models.TextChoices):
    PARAPHRASE = "paraphrase", "Paraphrase of the published tool"
    OFFICIAL = "official", "Official wording"


class FrameworkVersion(models.Model):
    name = models.CharField(max_length=200)
    version = models.CharField(max_length=40)
    published_on = models.DateField(null=True, blank=True)
    source_url = models.URLField(blank=True)
    licence_note = models.TextField(blank=True)
    wording = models.CharField(max_length=20, choices=Wording.choices)
    notice = models.TextField(
        blank=True, help_text="Shown wherever the questions are: e.g. that they are a paraphrase"
    )
    active = models.BooleanField(
        default=True, help_text="Offered for new assessments; old assessments keep their version"
    )
    source_text = models.TextField(help_text="The YAML file exactly as loaded")
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="unique_framework_version")
        ]
        ordering = ["-loaded_at"]

    def __str__(self) -> str:
        return f"{self.name} {self.version}"


class Stage(ReadOnlyOnceSaved):
    framework_version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="stages"
    )
    key = models.SlugField(max_length=40)  # prepare | assess | refine | review
    title = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField()
    intro = models.TextField(blank=True)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["framework_version", "key"], name="unique_stage_key")
        ]

    def __str__(self) -> str:
        return self.title


class AnswerKind(models.TextChoices):
    TEXT = "text", "Text"
    CHOICE = "choice", "Choice"
    PEOPLE = "people", "People"
    GROUPS = "groups", "Population groups"
    EVIDENCE = "evidence", "Evidence"
    ACTIONS = "actions", "Actions"
    YESNO = "yesno", "Yes or no, with an explanation"
    DATE = "date", "Date"


class Question(ReadOnlyOnceSaved):
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="questions")
    key = models.CharField(max_length=80)  # stable across wording changes, e.g. "assess.groups"
    prompt = models.TextField()
    help_text = models.TextField(blank=True)
    answer_kind = models.CharField(max_length=20, choices=AnswerKind.choices)
    required = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField()
    # kind-specific settings from the YAML: short_title, text, limit, choices, roles,
    # required_role, parts, part (choices, roles and parts as lists of {key, label})
    options = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["stage__order", "order"]
        constraints = [models.UniqueConstraint(fields=["stage", "key"], name="unique_question_key")]

    def __str__(self) -> str:
        return self.key


class Dimension(models.TextChoices):
    PROTECTED = "protected", "Protected characteristics"
    SOCIOECONOMIC = "socioeconomic", "Socio-economic deprivation"
    GEOGRAPHIC = "geographic", "Geography"
    INCLUSION = "inclusion", "Inclusion health groups"
    CORE20PLUS5 = "core20plus5", "Core20PLUS5"
    LOCAL = "local", "Locally chosen PLUS groups"


class PopulationGroup(models.Model):
    """A group a team can tick. Shared groups come with a framework version; local PLUS groups
    belong to one organisation."""

    framework_version = models.ForeignKey(
        FrameworkVersion,
        on_delete=models.CASCADE,
        related_name="population_groups",
        null=True,
        blank=True,
    )
    organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.CASCADE,
        related_name="local_groups",
        null=True,
        blank=True,
    )
    key = models.SlugField(max_length=80)
    label = models.CharField(max_length=200)
    dimension = models.CharField(max_length=20, choices=Dimension.choices)
    section = models.CharField(
        max_length=120,
        blank=True,
        help_text="The heading it is listed under, e.g. 'Inclusion health'",
    )
    description = models.TextField(blank=True)
    # Core20 is defined by an IMD edition; the areas in the 20% change between editions, so a
    # team records the edition it used, chosen from these (newest first). Empty for other groups.
    imd_editions = models.JSONField("IMD editions", default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework_version", "key"],
                condition=models.Q(framework_version__isnull=False),
                name="unique_group_key_per_version",
            ),
            models.UniqueConstraint(
                fields=["organisation", "key"],
                condition=models.Q(organisation__isnull=False),
                name="unique_local_group_key",
            ),
            models.CheckConstraint(
                condition=models.Q(framework_version__isnull=False)
                | models.Q(organisation__isnull=False),
                name="group_is_shared_or_local",
            ),
        ]

    def __str__(self) -> str:
        return self.label
