from django import forms


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="The six digits your authenticator app shows now, or one of your backup codes.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )
    next = forms.CharField(widget=forms.HiddenInput, required=False)


class SetUpForm(forms.Form):
    code = forms.CharField(
        label="Code from the app",
        max_length=10,
        help_text="Six digits. A new code appears every 30 seconds.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*"}
        ),
    )
    next = forms.CharField(widget=forms.HiddenInput, required=False)
