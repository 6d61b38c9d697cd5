"""Celery task and queue names shared by the API (which enqueues by name) and the workers.

The API never imports worker code; it sends ``PROCESS_DOCUMENT`` by this name.
"""

PROCESS_DOCUMENT = "casewise.extractor.process_document"
REAP_STALE_JOBS = "casewise.extractor.reap_stale_jobs"
ANSWER_QUESTION = "casewise.answerer.answer_question"
DELETE_CASE_VECTORS = "casewise.answerer.delete_case_vectors"

EXTRACT_QUEUE = "extract"
ANSWER_QUEUE = "answer"

JOB_STATUSES = ("queued", "running", "succeeded", "failed")
JOB_STAGES = ("queued", "reading", "ocr", "extracting", "merging", "done")
