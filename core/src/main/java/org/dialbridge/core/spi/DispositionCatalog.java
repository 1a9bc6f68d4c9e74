package org.dialbridge.core.spi;

import java.util.List;

/**
 * Host CRM extension point: the dispositions agents choose from, when the CRM keeps them (a
 * picklist of its own) instead of {@code dialbridge.dispositions.*}. Asked whenever the list is
 * needed, so a CRM may change it at run time; implementations cache as they see fit and must be
 * thread-safe. Codes must be unique; the order is the order agents see.
 */
@FunctionalInterface
public interface DispositionCatalog {

  List<Disposition> dispositions();
}
