"""Settings: the only place that reads the environment (prefix ``CASEWISE_``).

Groups are mixins; each service composes the ones it needs into one ``Settings`` class
(``ApiSettings``, ``ExtractorSettings``, ``AnswererSettings`` below). Everything defaults to the
embedded set-up: state under ``CASEWISE_DATA_DIR`` (``./var``), SQLite for rows, a SQLite-backed
Celery broker, local-mode Qdrant and the offline answer composer.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

_CONFIG = SettingsConfigDict(env_prefix="CASEWISE_", env_file=None, extra="ignore")


class BaseGroup(BaseSettings):
    model_config = _CONFIG

    data_dir: Path = Field(default=Path("var"), description="Root of all embedded state")


class StorageSettings(BaseGroup):
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; default sqlite:///<data_dir>/casewise.db"
    )
    files_dir: Path | None = Field(default=None, description="Uploaded files; default <data_dir>/files")
    file_key: str | None = Field(
        default=None,
        description="Fernet key for files at rest; default: generated into <data_dir>/file.key (0600)",
    )

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'casewise.db').resolve()}"

    @property
    def resolved_files_dir(self) -> Path:
        return self.files_dir or self.data_dir / "files"


class BrokerSettings(BaseGroup):
    broker_url: str | None = Field(
        default=None,
        description="Celery broker: redis://..., amqp://..., or default sqla+sqlite:///<data_dir>/broker.db",
    )
    job_stale_after_s: int = Field(
        default=600, description="A running job with no heartbeat this long is re-queued"
    )
    job_max_attempts: int = Field(default=3, description="Deliveries before a job is failed for good")

    @property
    def resolved_broker_url(self) -> str:
        return self.broker_url or f"sqla+sqlite:///{(self.data_dir / 'broker.db').resolve()}"


class ReadingSettings(BaseGroup):
    max_upload_bytes: int = Field(default=50 * 1024 * 1024, description="Largest file accepted")
    max_pages: int = Field(default=200, description="Most pages read from one document")
    max_image_pixels: int = Field(default=120_000_000, description="Larger images are refused (bomb guard)")
    ocr_dpi: int = 300
    ocr_workers: int = Field(default=0, description="OCR processes; 0 = number of CPU cores")
    ocr_language: str = "eng"
    ocr_page_timeout_s: int = 120
    ocr_executor: Literal["threads", "processes"] = Field(
        default="threads",
        description="Run parallel OCR pages on threads (each drives its own Tesseract process; no "
        "start-up cost) or on a process pool (isolates page rendering from the host process)",
    )


class NlpSettings(BaseGroup):
    spacy_model: str = Field(
        default="blank",
        description="spaCy pipeline to start from: 'blank' (offline default) or an installed model name "
        "such as en_core_sci_sm",
    )


class RetrievalSettings(BaseGroup):
    qdrant_url: str | None = Field(default=None, description="Qdrant server URL; default local mode")
    qdrant_path: Path | None = Field(default=None, description="Local-mode path; default <data_dir>/qdrant")
    collection: str = "casewise_corpus"
    dense_model: str = Field(
        default="auto",
        description="'auto' (use the bundled all-MiniLM-L6-v2 when installed), 'none', or a local path",
    )
    corpus_dir: Path | None = Field(
        default=None, description="Corpus folder; default the repository's corpus/"
    )

    @property
    def resolved_qdrant_path(self) -> Path:
        return self.qdrant_path or self.data_dir / "qdrant"


class LlmSettings(BaseGroup):
    llm_base_url: str | None = Field(
        default=None, description="OpenAI-compatible base URL; unset = offline composer"
    )
    llm_model: str = "gpt-4o-mini"
    llm_api_key: str | None = None
    llm_timeout_s: float = 60.0


class ServerSettings(BaseGroup):
    host: str = "127.0.0.1"
    port: int = 8000
    answer_timeout_s: float = 60.0


class ApiSettings(StorageSettings, BrokerSettings, ReadingSettings, ServerSettings):
    pass


class ExtractorSettings(StorageSettings, BrokerSettings, ReadingSettings, NlpSettings):
    pass


class AnswererSettings(StorageSettings, BrokerSettings, RetrievalSettings, LlmSettings):
    pass


class Settings(
    StorageSettings,
    BrokerSettings,
    ReadingSettings,
    ServerSettings,
    NlpSettings,
    RetrievalSettings,
    LlmSettings,
):
    """Everything, for the CLI that starts all of it."""


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
