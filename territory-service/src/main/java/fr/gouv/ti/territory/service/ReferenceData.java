package fr.gouv.ti.territory.service;

import fr.gouv.ti.territory.domain.Department;
import fr.gouv.ti.territory.domain.Region;
import fr.gouv.ti.territory.domain.TerritoryRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** Regions and departments (COG 2026), read-mostly: cached after the seed loaded them. */
@ApplicationScoped
public class ReferenceData {

    private final TerritoryRepository repository;
    private volatile Map<String, Region> regions = Map.of();
    private volatile Map<String, Department> departments = Map.of();

    public ReferenceData(TerritoryRepository repository) {
        this.repository = repository;
    }

    public Map<String, Region> regions() {
        if (regions.isEmpty()) {
            refresh();
        }
        return regions;
    }

    public Map<String, Department> departments() {
        if (departments.isEmpty()) {
            refresh();
        }
        return departments;
    }

    public void refresh() {
        regions = Map.copyOf(repository.regions());
        departments = Map.copyOf(repository.departments());
    }
}
