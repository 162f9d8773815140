"""Pages where members create, see and revoke their personal access tokens."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..db import db, utcnow
from ..errors import ServiceError
from ..forms import attach_error, render_form
from ..security import form_view
from . import tokens
from .blueprint import bp
from .forms import TokenForm
from .models import AccessToken


@bp.route("/account/tokens", methods=["GET", "POST"])
@form_view
def tokens_page():
    form = TokenForm()
    if form.validate_on_submit():
        try:
            token, secret = tokens.create_token(current_user, form.name.data, form.days.data)
        except ServiceError as error:
            attach_error(form, error)
        else:
            db.session.commit()
            # The secret is shown on this one response and never again.
            return render_template("api/token_created.html", token=token, secret=secret), 201
    return render_form("api/tokens.html", form, tokens=tokens.all_tokens(current_user),
                       now=utcnow())


@bp.route("/account/tokens/<int:token_id>/revoke", methods=["POST"])
def revoke_token(token_id: int):
    token = db.session.get(AccessToken, token_id)
    if token is None or token.user_id != current_user.id:
        abort(404)
    tokens.revoke(current_user, token)
    db.session.commit()
    flash(_("The token “%(name)s” has been revoked.", name=token.name), "success")
    return redirect(url_for("api.tokens_page"))
