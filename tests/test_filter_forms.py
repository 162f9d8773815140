"""Filter forms render their selects with forms.QuickSelect: it must write
exactly what wtforms' own select writes, escaping included."""

from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import SelectField, SelectMultipleField

from rmn_portal.forms import FilterForm, QuickSelect, choices

OPTIONS = {"": "All", "x<y": 'A & "B"', "2": "<script>alert(1)</script>", "3": ""}


class Filters(FilterForm):
    one = SelectField(choices=choices(OPTIONS))
    many = SelectMultipleField(choices=choices(OPTIONS))


class PlainForm(FlaskForm):
    class Meta:
        csrf = False

    one = SelectField(choices=choices(OPTIONS))
    many = SelectMultipleField(choices=choices(OPTIONS))


def test_quick_selects_write_what_wtforms_writes(app):
    data = MultiDict([("one", "x<y"), ("many", "2"), ("many", "3")])
    with app.test_request_context("/"):
        quick, plain = Filters(data), PlainForm(data)
        for name in ("one", "many"):
            written = str(quick[name](**{"aria-invalid": "true"}))
            assert written == str(plain[name](**{"aria-invalid": "true"}))
        assert isinstance(quick.one.widget, QuickSelect) and quick.many.widget.multiple
        assert "<script>" not in written and "&lt;script&gt;" in written
        assert '<option selected value="x&lt;y">A &amp; &#34;B&#34;</option>' in str(quick.one())
