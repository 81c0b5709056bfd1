"""Model fields that normalise what people type before validating it.

Model.full_clean() calls field.clean(), which calls to_python() and then the validators, and
stores the cleaned value: so "0812-3456-7890" is saved as "+6281234567890" by any form, the API
or a service, with one rule.
"""

from django.core.validators import MaxLengthValidator
from django.db import models

from . import validators


class _NormalisingCharField(models.CharField):
    normalizer = staticmethod(lambda value: value)
    # People type separators ("01.234.567.8-901.000"); the form must accept the typed length
    # and let the model normalise, then check the stored length.
    typed_max_length = 32

    def formfield(self, **kwargs):
        field = super().formfield(**kwargs)
        field.max_length = self.typed_max_length
        field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
        field.widget.attrs["maxlength"] = str(self.typed_max_length)
        return field

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return value
        return self.normalizer(value)


class NIBField(_NormalisingCharField):
    normalizer = staticmethod(validators.normalize_nib)
    default_validators = [validators.validate_nib]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 13)
        super().__init__(*args, **kwargs)


class NPWPField(_NormalisingCharField):
    normalizer = staticmethod(validators.normalize_npwp)
    default_validators = [validators.validate_npwp]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 16)
        super().__init__(*args, **kwargs)


class PhoneField(_NormalisingCharField):
    normalizer = staticmethod(validators.normalize_phone)
    default_validators = [validators.validate_phone]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(*args, **kwargs)
