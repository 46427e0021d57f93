"""The building blocks of a guide. Each renders as a GOV.UK component and works without JavaScript."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

TEXT_FEATURES = ["h2", "h3", "bold", "link", "ul", "ol", "document-link"]


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"))
    text = blocks.TextBlock(label=_("What happens"), required=False)


class StepsBlock(blocks.StructBlock):
    """'What happens next': numbered steps, each a short heading and a sentence or two."""

    heading = blocks.CharBlock(label=_("Heading"), default="What happens next")
    steps = blocks.ListBlock(StepBlock(), label=_("Steps"))

    class Meta:
        template = "content/blocks/steps.html"
        icon = "list-ol"
        label = _("What happens next")


class CalloutBlock(blocks.StructBlock):
    """Something the reader must not miss: an inset, or a warning with the '!' icon."""

    style = blocks.ChoiceBlock(
        choices=[("inset", _("Inset text")), ("warning", _("Warning"))], default="inset", label=_("Style")
    )
    text = blocks.TextBlock(label=_("Text"))

    class Meta:
        template = "content/blocks/callout.html"
        icon = "warning"
        label = _("Callout")


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"))
    answer = blocks.RichTextBlock(features=["bold", "link", "ul"], label=_("Answer"))


class QuestionsBlock(blocks.StructBlock):
    """Questions and answers as GOV.UK details: a native <details>, so no script is needed."""

    heading = blocks.CharBlock(label=_("Heading"), default="Questions people ask")
    questions = blocks.ListBlock(QuestionBlock(), label=_("Questions"))

    class Meta:
        template = "content/blocks/questions.html"
        icon = "help"
        label = _("Questions and answers")


class VideoBlock(blocks.StructBlock):
    """A video such as a British Sign Language version. A plain link, not an embed: embeds need
    third-party script and frames, which the Content-Security-Policy forbids and old phones struggle with."""

    title = blocks.CharBlock(label=_("Title"))
    url = blocks.URLBlock(label=_("Link to the video"))
    description = blocks.TextBlock(label=_("What the video shows"), required=False)

    class Meta:
        template = "content/blocks/video.html"
        icon = "media"
        label = _("Video (for example BSL)")


class DownloadBlock(blocks.StructBlock):
    """A document to download, such as the easy-read PDF of this guide."""

    title = blocks.CharBlock(label=_("Title"))
    document = DocumentChooserBlock(label=_("Document"))

    class Meta:
        template = "content/blocks/download.html"
        icon = "doc-full"
        label = _("Download")


class WordBlock(blocks.StructBlock):
    """A word from the jargon buster, explained where it is used and linked to the full list."""

    term = SnippetChooserBlock("content.GlossaryTerm", label=_("Word"))

    class Meta:
        template = "content/blocks/word.html"
        icon = "openquote"
        label = _("Jargon buster word")


class GuideStreamBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(features=TEXT_FEATURES, label=_("Text"), template="content/blocks/text.html")
    steps = StepsBlock()
    callout = CalloutBlock()
    questions = QuestionsBlock()
    video = VideoBlock()
    download = DownloadBlock()
    word = WordBlock()


class EasyReadStreamBlock(blocks.StreamBlock):
    """Easy read keeps to one idea per line: short text, callouts and downloads only."""

    text = blocks.RichTextBlock(features=["bold", "ul"], label=_("Text"), template="content/blocks/text.html")
    callout = CalloutBlock()
    download = DownloadBlock()
