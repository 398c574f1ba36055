"""The equipment of `labinv_export.py`: makers (several named after people), models and device types of the
research labs, of the kit lent to study participants and of the Spanish partner's laboratories; suppliers,
service providers that are companies, parts, error codes, the codes of the status and job-type columns, and the
shapes of grant codes, cost centres, calibration certificates and accreditation numbers. Shared by the splits
(the same makers sell to both); which names the split uses is in `labinv_vocab.py`."""

from __future__ import annotations

# (maker, [(model, device type)])
LAB_KIT: list[tuple[str, list[tuple[str, str]]]] = [
    ("Eppendorf", [("Centrifuge 5424 R", "Microcentrifuge"), ("Centrifuge 5810 R", "Benchtop centrifuge"),
                   ("Mastercycler X50s", "Thermal cycler"), ("ThermoMixer C", "Thermomixer")]),
    ("Thermo Fisher", [("Heraeus Multifuge X3R", "Benchtop centrifuge"), ("TSX60086V", "-80 freezer"),
                       ("NanoDrop One", "Spectrophotometer"), ("Heracell VIOS 160i", "CO2 incubator")]),
    ("Thermo Scientific", [("Herasafe 2030i", "Class II biosafety cabinet"), ("Sorvall Lynx 6000",
                                                                              "Floor-standing centrifuge")]),
    ("Bio-Rad", [("T100 Thermal Cycler", "Thermal cycler"), ("CFX96 Touch", "Real-time PCR system"),
                 ("ChemiDoc MP", "Gel imaging system"), ("PowerPac Basic", "Electrophoresis power supply")]),
    ("Leica", [("DM2500", "Upright microscope"), ("CM1950", "Cryostat"), ("TCS SP8", "Confocal microscope"),
               ("RM2235", "Microtome")]),
    ("Zeiss", [("Axio Observer 7", "Inverted microscope"), ("Axio Imager.M2", "Upright microscope"),
               ("LSM 980", "Confocal microscope")]),
    ("Sartorius", [("Quintix 224-1S", "Analytical balance"), ("Entris 2202-1S", "Precision balance"),
                   ("Arium pro", "Water purification system")]),
    ("Gilson", [("Pipetman P200", "Pipette"), ("Pipetman P1000", "Pipette"), ("Pipetman L P20L", "Pipette")]),
    ("Mettler Toledo", [("XPR205", "Analytical balance"), ("SevenCompact S220", "pH meter")]),
    ("Beckman Coulter", [("Optima XPN-100", "Ultracentrifuge"), ("CytoFLEX S", "Flow cytometer"),
                         ("Allegra X-30R", "Benchtop centrifuge")]),
    ("Nikon", [("Eclipse Ti2", "Inverted microscope")]),
    ("Grant Instruments", [("SUB Aqua Pro 5", "Water bath"), ("QBD2", "Dry block heater")]),
    ("Labconco", [("Purifier Logic+", "Class II biosafety cabinet")]),
    ("Binder", [("KB 115", "Cooled incubator")]),
    ("Memmert", [("UN55", "Drying oven")]),
]
LOAN_KIT: list[tuple[str, list[tuple[str, str]]]] = [
    ("ActiGraph", [("wGT3X-BT", "Activity monitor")]),
    ("Philips", [("DigiTrak XT", "Holter recorder")]),
    ("Vitalograph", [("micro", "Home spirometer")]),
    ("Omron", [("M7 Intelli IT", "Home blood pressure monitor")]),
    ("Nonin", [("WristOx2 3150", "Wrist pulse oximeter")]),
    ("Withings", [("BPM Connect", "Home blood pressure monitor")]),
]
ES_KIT: list[tuple[str, list[tuple[str, str]]]] = [
    ("Radiometer", [("ABL90 FLEX PLUS", "Gasómetro")]),
    ("Siemens Healthineers", [("RAPIDPoint 500e", "Gasómetro")]),
    ("Sysmex", [("XN-1000", "Analizador hematológico")]),
    ("Roche", [("cobas b 101", "Analizador POC"), ("Accu-Chek Inform II", "Glucómetro")]),
    ("Abbott", [("i-STAT 1", "Analizador POC")]),
    ("Eppendorf", [("Centrifuge 5430", "Centrífuga")]),
    ("Thermo Fisher", [("Heraeus Megafuge 8", "Centrífuga"), ("TSX400", "Congelador -80 ºC")]),
    ("Leica", [("DM1000", "Microscopio")]),
    ("Zeiss", [("Axio Lab.A1", "Microscopio")]),
    ("Mettler Toledo", [("ME204", "Balanza analítica")]),
    ("Telstar", [("Bio II Advance Plus", "Cabina de seguridad biológica")]),
    ("Liebherr", [("LKUv 1610", "Frigorífico de laboratorio")]),
]
SUPPLIERS = ["Fisher Scientific UK", "VWR International", "Starlab UK", "Scientific Laboratory Supplies",
             "Merck Life Science UK", "Camlab", "Appleton Woods", "Greiner Bio-One"]
ES_SUPPLIERS = ["Labbox España", "Scharlab", "VWR International Eurolab", "Fisher Scientific España",
                "Pacisa y Giralt", "Afora"]
# Service providers that are no person (the others are sole traders or makers' engineers, by name).
PROVIDERS = ["Eppendorf UK service", "Thermo Fisher FSE", "Lab Equipment Services Ltd", "in house",
             "Bio-Rad field service", "Sartorius Service UK", "Leica Microsystems service", "Zeiss service",
             "under warranty", "Camlab service"]
ES_PROVIDERS = ["SAT del fabricante", "Electromedicina (interno)", "Servicio técnico oficial", "En garantía",
                "Mantenimiento integral (contrato)"]
PARTS = ["5820 715.006", "5895 120.007", "75003180", "1001110", "12013545", "F144562", "11505155", "TLA-120.2",
         "SX4750", "A38256", "FA-45-30-11", "MSP-2310", "69823-01", "1660518EDU"]
ERRORS = ["E-12", "Err 03", "IMBALANCE", "E207", "F-05", "DOOR OPEN", "Error 1101", "T-HIGH", "E:47"]
STATUS = {"In use": "in_service", "Working": "in_service", "OK": "in_service", "Broken": "under_repair",
          "Awaiting repair": "under_repair", "Out for repair": "under_repair", "Spare": "in_store",
          "In storage": "in_store", "Disposed": "condemned", "Written off": "condemned", "On loan": "on_loan"}
ES_STATUS = {"En uso": "in_service", "Operativo": "in_service", "Averiado": "under_repair",
             "En reparación": "under_repair", "Almacén": "in_store", "Baja": "condemned", "Prestado": "on_loan"}
JOB_TYPE = {"Service": "ppm", "Annual service": "ppm", "Repair": "repair", "Breakdown": "repair",
            "Calibration": "calibration", "Cal check": "calibration", "PAT": "inspection", "Inspection": "inspection",
            "Install": "acceptance", "Validation": "inspection", "Decon": "other", "Relocation": "other"}
# Shapes: "#" a digit, anything else as is.
GRANTS = {"dev14": ["MR/T######/1", "BB/X######/1", "MR/S######/2", "PI##/#####"],
          "fresh12": ["EP/V######/1", "NE/W######/1", "######/Z/##/Z", "PID####-######OB-I00"]}
COST_CENTRES = {"dev14": ["CC-#####", "R-####-BIO"], "fresh12": ["RG/####", "K.####.##"]}
CERTS = {"dev14": ["CAL-####-#####", "KC/##/####"], "fresh12": ["TC######", "UK-CAL-#####/L"]}
UKAS = {"dev14": ["UKAS ####", "ENAC ###/LC##.###"], "fresh12": ["UKAS Calibration Lab ####", "ENAC nº ###/LC####"]}
TICKETS = {"dev14": ["CASE-#######", "SR ########"], "fresh12": ["INC-######", "Ticket no. ######"]}
