"""Supplier portal: a supplier's users follow their returns and exchanges
and confirm dates (the promised dates of their purchase order lines, the
date they take goods back). Purchase orders themselves are Odoo's
``/my/purchase`` pages, limited by purchase's own portal record rules."""
from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager


class SupplierPortal(CustomerPortal):

    def _supplier_return_domain(self):
        partner = request.env.user.partner_id.commercial_partner_id
        return [("partner_id", "child_of", [partner.id]),
                ("flow_state", "!=", "draft")]

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        Return = request.env["crm.supplier.return"]
        values["supplier_return_count"] = (
            Return.search_count(self._supplier_return_domain())
            if Return.check_access_rights("read", raise_exception=False)
            else 0)
        return values

    def _supplier_document(self, model, document_id):
        """The document if the current user may read it (access rights and
        record rules checked before anything runs as superuser), else
        None."""
        document = request.env[model].browse(document_id)
        try:
            document.check_access_rights("read")
            document.check_access_rule("read")
            if not document.exists():
                return None
        except (AccessError, MissingError):
            return None
        return document

    @http.route(["/my/supplier_returns",
                 "/my/supplier_returns/page/<int:page>"],
                type="http", auth="user", website=True)
    def portal_my_supplier_returns(self, page=1, **kw):
        values = self._prepare_portal_layout_values()
        Return = request.env["crm.supplier.return"]
        domain = self._supplier_return_domain()
        pager = portal_pager(
            url="/my/supplier_returns", total=Return.search_count(domain),
            page=page, step=self._items_per_page)
        documents = Return.search(domain, limit=self._items_per_page,
                                  offset=pager["offset"])
        # found with the user's rights; shown with the step names it may
        # not read itself
        values.update({
            "documents": documents.sudo(), "pager": pager,
            "page_name": "supplier_return",
            "default_url": "/my/supplier_returns",
        })
        return request.render("crm_supplier.portal_my_supplier_returns",
                              values)

    @http.route(["/my/supplier_returns/<int:document_id>"],
                type="http", auth="user", website=True)
    def portal_my_supplier_return(self, document_id, **kw):
        document = self._supplier_document("crm.supplier.return", document_id)
        if document is None:
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update({"document": document.sudo(),
                       "page_name": "supplier_return",
                       "message": kw.get("message")})
        return request.render("crm_supplier.portal_my_supplier_return",
                              values)

    @http.route(["/my/supplier_returns/<int:document_id>/confirm"],
                type="http", auth="user", methods=["POST"], website=True)
    def portal_confirm_supplier_return(self, document_id, supplier_date=None,
                                       **kw):
        document = self._supplier_document("crm.supplier.return", document_id)
        if document is None:
            return request.redirect("/my")
        try:
            date = fields.Date.to_string(fields.Date.from_string(
                supplier_date))
        except (TypeError, ValueError):
            return request.redirect(
                "/my/supplier_returns/%d?message=bad_date" % document_id)
        document.sudo()._portal_confirm_date(date)
        return request.redirect(
            "/my/supplier_returns/%d?message=confirmed" % document_id)

    @http.route(["/my/purchase/<int:order_id>/confirm_dates"],
                type="http", auth="user", methods=["POST"], website=True)
    def portal_confirm_purchase_dates(self, order_id, **post):
        order = self._supplier_document("purchase.order", order_id)
        if order is None:
            return request.redirect("/my")
        dates = {}
        for key, value in post.items():
            if key.startswith("date_planned_") and value:
                try:
                    line_id = int(key[len("date_planned_"):])
                    dates[line_id] = fields.Date.to_string(
                        fields.Date.from_string(value))
                except ValueError:
                    return request.redirect(
                        "/my/purchase/%d?message=bad_date" % order_id)
        try:
            order.sudo()._portal_confirm_dates(dates)
        except ValidationError:
            return request.redirect(
                "/my/purchase/%d?message=bad_date" % order_id)
        return request.redirect(
            "/my/purchase/%d?message=confirmed" % order_id)
