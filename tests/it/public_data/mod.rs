//! Public data sets of ../shared/data (USEEIO, USLCI) end to end; they skip with a message when the
//! data is absent (fail under GREENLCA_REQUIRE_SHARED_DATA=1).

mod useeio;
mod uslci;
mod uslci_example;
