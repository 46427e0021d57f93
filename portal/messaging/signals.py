"""What messaging tells other apps. Connect with ``@receiver(reply_received, dispatch_uid=...)``."""

import django.dispatch

# Sent once per understood inbound SMS, with ``recipient`` (a registry.Recipient), ``meaning``
# ("yes", "no", "maybe", "help" or "stop") and ``message_sid`` (the provider's id of the reply).
reply_received = django.dispatch.Signal()
