from django.urls import path, re_path

from meetings.claims import views

urlpatterns = [
    path("claims/", views.claim_list, name="claim_list"),
    path("claims/new/", views.claim_create, name="claim_create"),
    path("claims/<int:pk>/", views.claim_detail, name="claim_detail"),
    path("claims/<int:pk>/lines/", views.claim_line_add, name="claim_line_add"),
    path("claims/<int:pk>/lines/<int:line_pk>/delete/", views.claim_line_delete, name="claim_line_delete"),
    path("claims/<int:pk>/lines/<int:line_pk>/receipt/", views.claim_receipt_upload, name="claim_receipt_upload"),
    path("claims/<int:pk>/submit/", views.claim_submit, name="claim_submit"),
    path("claims/<int:pk>/withdraw/", views.claim_withdraw, name="claim_withdraw"),
    path("claims/<int:pk>/delete/", views.claim_delete, name="claim_delete"),
    path("claims/<int:pk>/account/", views.claim_payee_change_request, name="claim_payee_change_request"),
    path("claims/allowance/", views.claim_allowance_preview, name="claim_allowance_preview"),
    path("claims/<int:pk>/pdf/", views.claim_pdf_view, name="claim_pdf"),
    path("claims/receipts/<int:pk>/", views.receipt_view, name="claim_receipt"),
    path("claims/queue/", views.queue, name="claim_queue"),
    path("claims/queue/<int:pk>/", views.queue_claim, name="claim_queue_detail"),
    path("claims/queue/<int:pk>/approve/", views.queue_approve, name="claim_approve"),
    path("claims/queue/<int:pk>/return/", views.queue_return, name="claim_return"),
    path("claims/queue/<int:pk>/pay/", views.queue_pay, name="claim_pay"),
    path("claims/queue/<int:pk>/account/", views.queue_payee_change, name="claim_payee_change_decide"),
    path("claims/payments/", views.payments, name="claim_payments"),
    path("claims/payments/new/", views.payment_batch_new, name="claim_payment_batch_new"),
    path("claims/payments/<int:pk>/", views.payment_batch_detail, name="claim_payment_batch_detail"),
    re_path(
        r"^claims/payments/(?P<pk>[0-9]+)\.(?P<fmt>csv|xlsx|xml)$",
        views.payment_batch_download,
        name="claim_payment_batch",
    ),
    path("claims/payments/<int:pk>/paid/", views.payment_batch_paid, name="claim_payment_batch_paid"),
    re_path(
        r"^claims/payments/(?P<pk>[0-9]+)/bookkeeping\.(?P<fmt>csv|xlsx)$",
        views.payment_batch_bookkeeping,
        name="claim_payment_batch_bookkeeping",
    ),
    re_path(
        r"^claims/bookkeeping/(?P<year>[0-9]{4})\.(?P<fmt>csv|xlsx)$", views.bookkeeping_year, name="claim_bookkeeping"
    ),
]
