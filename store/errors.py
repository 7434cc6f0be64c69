"""The one error the store raises on purpose."""


class StoreError(ValueError):
    """A refusal or failure whose message a page can show as it is: plain language, what to do next."""
