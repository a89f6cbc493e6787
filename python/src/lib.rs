//! dyad for Python: the extension module `dyad._dyad`, re-exported by the `dyad` package
//! (`python/dyad/__init__.py`, typed in `__init__.pyi`).
//!
//! Design: this crate is glue, as the binary is. It loads dictionaries with the binary's own
//! loader ([`dyad_coder::Engine::load`], so `dictionaries="petrarch:DIR"` works and a bad folder
//! says what `dyad code` says), writes each event record with the same serde form as `dyad code`
//! (so a record in Python is the CLI's JSON object, key for key), and builds Arrow batches with the
//! export crate's own builder ([`dyad_export::mentions_to_batch`], the schema of the Parquet
//! export's mentions), so there is one Arrow form of the event record. Coding runs with the GIL
//! released; batches cross into Rust and back through Arrow's C data interface (arrow's `pyarrow`
//! feature), without copying columns through Python objects.

use arrow::array::{Array, ArrayRef, AsArray, RecordBatch, StringArray};
use arrow::compute::cast;
use arrow::datatypes::{DataType, Date32Type};
use arrow::pyarrow::{FromPyArrow, IntoPyArrow, Table, ToPyArrow};
use chrono::NaiveDate;
use dyad_coder::Engine;
use dyad_types::{DocId, Document, Event};
use pyo3::exceptions::{PyUserWarning, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple, PyType};
use std::ffi::CString;
use std::path::PathBuf;

pyo3::create_exception!(
    dyad,
    DyadError,
    PyValueError,
    "What dyad could not do: dictionaries that do not load, a date it cannot read, a text that is \
     empty, a column that is missing. The message is the one `dyad code` prints."
);

/// Days from 0001-01-01 (CE day 1) to 1970-01-01, the epoch of Arrow's `Date32`.
const UNIX_EPOCH_FROM_CE: i32 = 719_163;

/// At most this many skipped rows are named in the warning of `errors="skip"`.
const SKIPS_NAMED: usize = 10;

/// An error as the CLI prints it: the message, then each cause after `: ` (anyhow's `{:#}`).
fn dyad_error(e: impl Into<anyhow::Error>) -> PyErr {
    DyadError::new_err(format!("{:#}", e.into()))
}

/// The event coder: dictionaries compiled once, then any number of documents.
#[pyclass(frozen, module = "dyad", name = "Coder")]
struct Coder {
    engine: Engine,
    /// The dictionaries spec it was made with, to make it again (pickling, `repr`).
    spec: Option<String>,
    /// The folders laid over the dictionaries, likewise.
    layers: Vec<PathBuf>,
}

/// Column names of the documents in a batch.
struct Columns {
    text: String,
    published: Option<String>,
    id: Option<String>,
}

/// A batch's documents, each or the reason it cannot be coded.
type Docs = Vec<Result<Document, String>>;

#[pymethods]
impl Coder {
    /// `dictionaries` and `add_dictionaries` as `dyad code --dictionaries` and
    /// `--add-dictionaries` take them; compiled here, once.
    #[new]
    #[pyo3(signature = (dictionaries=None, add_dictionaries=Vec::new()))]
    fn new(
        py: Python<'_>,
        dictionaries: Option<PathBuf>,
        add_dictionaries: Vec<PathBuf>,
    ) -> PyResult<Self> {
        let spec = dictionaries.map(|d| d.to_string_lossy().into_owned());
        let engine = py
            .detach(|| Engine::load_layered(spec.as_deref(), &add_dictionaries))
            .map_err(dyad_error)?;
        Ok(Coder {
            engine,
            spec,
            layers: add_dictionaries,
        })
    }

    /// The dictionaries spec given (`None`: dyad's built-in dictionaries).
    #[getter]
    fn dictionaries(&self) -> Option<String> {
        self.spec.clone()
    }

    /// The folders laid over the dictionaries, in order.
    #[getter]
    fn add_dictionaries(&self) -> Vec<String> {
        self.layers
            .iter()
            .map(|l| l.to_string_lossy().into_owned())
            .collect()
    }

    /// The hash of the dictionaries that code, as the store records it (`dyad status`).
    #[getter]
    fn dictionary_version(&self) -> String {
        self.engine.config().dictionary_version
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let mut args = Vec::new();
        if let Some(s) = &self.spec {
            args.push(format!("dictionaries={}", PyString::new(py, s).repr()?));
        }
        if !self.layers.is_empty() {
            let layers = PyList::new(py, self.add_dictionaries())?;
            args.push(format!("add_dictionaries={}", layers.repr()?));
        }
        Ok(format!("dyad.Coder({})", args.join(", ")))
    }

    /// Pickled as its arguments: unpickling (in a Spark executor, a worker process) compiles the
    /// dictionaries again there.
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyTuple>)> {
        let c = slf.get();
        let args = (c.spec.clone(), c.add_dictionaries()).into_pyobject(slf.py())?;
        Ok((slf.get_type(), args))
    }

    /// The events of one document, each the event record `dyad code` prints, as a dict.
    #[pyo3(signature = (text, published=None, doc_id=None))]
    fn code<'py>(
        &self,
        py: Python<'py>,
        text: String,
        published: Option<&Bound<'py, PyAny>>,
        doc_id: Option<String>,
    ) -> PyResult<Bound<'py, PyList>> {
        let published = published.map(date_of).transpose()?.flatten();
        if text.trim().is_empty() {
            return Err(DyadError::new_err("empty: no text to code"));
        }
        let doc = Document {
            id: DocId(doc_id.unwrap_or_default()),
            published,
            title: None,
            url: None,
            source: None,
            text,
        };
        // The CLI's serde form, as text: `json.loads` then gives the very values `dyad code`
        // prints (an f32 such as 0.9 stays 0.9), in its key order.
        let records = py
            .detach(|| {
                let (events, _) = self.engine.code(&doc);
                events
                    .iter()
                    .map(serde_json::to_string)
                    .collect::<Result<Vec<_>, _>>()
            })
            .map_err(dyad_error)?;
        let loads = py.import("json")?.getattr("loads")?;
        let out = PyList::empty(py);
        for r in records {
            out.append(loads.call1((r,))?)?;
        }
        Ok(out)
    }

    /// Code every row of a `pyarrow.RecordBatch` (returns a RecordBatch) or of a `pyarrow.Table`
    /// or any Arrow stream (returns a Table), into event records of [`event_schema`].
    #[pyo3(signature = (data, text="text", published=Some("published"), id=Some("id"), errors="raise"))]
    fn code_arrow<'py>(
        &self,
        py: Python<'py>,
        data: &Bound<'py, PyAny>,
        text: &str,
        published: Option<&str>,
        id: Option<&str>,
        errors: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let skip = match errors {
            "raise" => false,
            "skip" => true,
            other => {
                return Err(PyValueError::new_err(format!(
                    "errors must be \"raise\" or \"skip\", not {other:?}"
                )));
            }
        };
        let cols = Columns {
            text: text.to_string(),
            published: published.map(str::to_string),
            id: id.map(str::to_string),
        };
        let record_batch = py.import("pyarrow")?.getattr("RecordBatch")?;
        let one = data.is_instance(&record_batch)?;
        let batches = if one {
            vec![RecordBatch::from_pyarrow_bound(data)?]
        } else {
            Table::from_pyarrow_bound(data)?.into_inner().0
        };
        let (out, skipped) = py
            .detach(|| self.code_batches(&batches, &cols, skip))
            .map_err(DyadError::new_err)?;
        if !skipped.is_empty() {
            let mut message = format!("dyad: skipped {} rows: ", skipped.len());
            message.push_str(&skipped[..skipped.len().min(SKIPS_NAMED)].join("; "));
            if skipped.len() > SKIPS_NAMED {
                message.push_str("; …");
            }
            let message = CString::new(message.replace('\0', " "))?;
            PyErr::warn(py, &py.get_type::<PyUserWarning>(), &message, 1)?;
        }
        if one {
            out[0].to_pyarrow(py)
        } else {
            Table::try_new(out, dyad_export::mentions_schema())
                .map_err(|e| DyadError::new_err(e.to_string()))?
                .into_pyarrow(py)
        }
    }
}

impl Coder {
    /// One batch of event records per input batch, and the rows skipped (with `skip`; without,
    /// the first bad row is the error).
    fn code_batches(
        &self,
        batches: &[RecordBatch],
        cols: &Columns,
        skip: bool,
    ) -> Result<(Vec<RecordBatch>, Vec<String>), String> {
        let mut out = Vec::with_capacity(batches.len());
        let mut skipped = Vec::new();
        let mut first_row = 0;
        for batch in batches {
            let mut events: Vec<Event> = Vec::new();
            for doc in documents(batch, cols, first_row)? {
                match doc {
                    Ok(doc) => events.extend(self.engine.code(&doc).0),
                    Err(e) if skip => skipped.push(e),
                    Err(e) => return Err(e),
                }
            }
            first_row += batch.num_rows();
            out.push(dyad_export::mentions_to_batch(&events).map_err(|e| e.to_string())?);
        }
        if out.is_empty() {
            out.push(dyad_export::mentions_to_batch(&[]).map_err(|e| e.to_string())?);
        }
        Ok((out, skipped))
    }
}

/// A publication date given in Python: a `str` (`YYYY-MM-DD`, `YYYYMMDD`, or a timestamp), a
/// `datetime.date` or `datetime.datetime` (its calendar date), or `None`.
fn date_of(value: &Bound<'_, PyAny>) -> PyResult<Option<NaiveDate>> {
    if value.is_none() {
        return Ok(None);
    }
    let text: String = match value.extract::<String>() {
        Ok(s) => s,
        Err(_) if value.hasattr("isoformat")? => value.call_method0("isoformat")?.extract()?,
        Err(_) => {
            return Err(DyadError::new_err(format!(
                "published must be a date or a text YYYY-MM-DD, not {}",
                value.get_type().name()?
            )));
        }
    };
    dyad_input::parse_date(text.trim())
        .map(Some)
        .map_err(DyadError::new_err)
}

/// The column `name` of `batch`, or an error listing the columns there are.
fn column<'a>(batch: &'a RecordBatch, name: &str) -> Result<&'a ArrayRef, String> {
    batch.column_by_name(name).ok_or_else(|| {
        let names: Vec<_> = batch
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect();
        format!("no column `{name}` (columns: {})", names.join(", "))
    })
}

/// A column as text: any string type, or (for ids) numbers written as the CLI writes a JSON id.
fn as_text(col: &ArrayRef, name: &str, numbers: bool) -> Result<StringArray, String> {
    let t = col.data_type();
    // A column of nulls only (what pyarrow makes of `[None, None]`) is text that is all null.
    let ok = matches!(
        t,
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Null
    ) || (numbers && t.is_integer());
    if !ok {
        return Err(format!("column `{name}` is {t}, not text"));
    }
    let text = cast(col, &DataType::Utf8).map_err(|e| format!("column `{name}`: {e}"))?;
    Ok(text.as_string::<i32>().clone())
}

/// Publication dates: text read as `dyad code` reads a JSON Lines `published` (an unreadable one
/// is that row's error), or an Arrow date or timestamp (its calendar date).
fn dates(col: &ArrayRef, name: &str) -> Result<Vec<Result<Option<NaiveDate>, String>>, String> {
    let t = col.data_type();
    if matches!(
        t,
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Null
    ) {
        let text = as_text(col, name, false)?;
        return Ok(text
            .iter()
            .map(|s| match s.map(str::trim) {
                None | Some("") => Ok(None),
                Some(s) => dyad_input::parse_date(s).map(Some),
            })
            .collect());
    }
    if !matches!(
        t,
        DataType::Date32 | DataType::Date64 | DataType::Timestamp(..)
    ) {
        return Err(format!("column `{name}` is {t}, not a date or text"));
    }
    let days = cast(col, &DataType::Date32).map_err(|e| format!("column `{name}`: {e}"))?;
    Ok(days
        .as_primitive::<Date32Type>()
        .iter()
        .map(|d| Ok(d.and_then(|d| NaiveDate::from_num_days_from_ce_opt(d + UNIX_EPOCH_FROM_CE))))
        .collect())
}

/// The documents of a batch, rows numbered from `first_row`. A null or blank text, or an
/// unreadable date, is that row's error; a missing column or a column of the wrong type is the
/// batch's.
fn documents(batch: &RecordBatch, cols: &Columns, first_row: usize) -> Result<Docs, String> {
    let text = as_text(column(batch, &cols.text)?, &cols.text, false)?;
    let ids = match &cols.id {
        Some(name) => Some(as_text(column(batch, name)?, name, true)?),
        None => None,
    };
    let published = match &cols.published {
        Some(name) => Some(dates(column(batch, name)?, name)?),
        None => None,
    };
    let mut docs = Vec::with_capacity(batch.num_rows());
    for row in 0..batch.num_rows() {
        let id = ids
            .as_ref()
            .filter(|ids| ids.is_valid(row))
            .map(|ids| ids.value(row).to_string())
            .unwrap_or_default();
        let error = |message: &str| {
            let named = if id.is_empty() {
                String::new()
            } else {
                format!(" (id {id})")
            };
            format!("row {}{named}: {message}", first_row + row)
        };
        let date = match published.as_ref().map(|p| p[row].clone()) {
            Some(Err(m)) => {
                docs.push(Err(error(&m)));
                continue;
            }
            Some(Ok(d)) => d,
            None => None,
        };
        if text.is_null(row) || text.value(row).trim().is_empty() {
            docs.push(Err(error(&format!("`{}` is empty", cols.text))));
            continue;
        }
        docs.push(Ok(Document {
            id: DocId(id),
            published: date,
            title: None,
            url: None,
            source: None,
            text: text.value(row).to_string(),
        }));
    }
    Ok(docs)
}

/// The Arrow schema of the event records `Coder.code_arrow` returns: the export crate's
/// `mentions_schema`, the element of the Parquet export's `mentions` column.
#[pyfunction]
fn event_schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    dyad_export::mentions_schema().as_ref().to_pyarrow(py)
}

/// The module `dyad._dyad`.
#[pymodule]
fn _dyad(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Coder>()?;
    m.add_function(wrap_pyfunction!(event_schema, m)?)?;
    m.add("DyadError", m.py().get_type::<DyadError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
